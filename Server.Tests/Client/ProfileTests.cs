extern alias ClientApp;

using ClientApp::MiniOAuth.Client;

namespace MiniOAuth.Tests.Client;

/// <summary>The user's name from <c>preferred_username</c>, MiniOAuth's <c>username</c>, GitHub's <c>login</c>, <c>name</c> or <c>sub</c>: the first present.</summary>
public sealed class ProfileTests
{
    [Theory]
    [InlineData("""{"sub":"1","name":"Ann","login":"ann-gh","preferred_username":"ann"}""", "ann")]
    [InlineData("""{"sub":"1","name":"Alice","username":"alice"}""", "alice")]
    [InlineData("""{"id":1,"name":"Ann","login":"ann-gh"}""", "ann-gh")]
    [InlineData("""{"sub":"1","name":"Ann"}""", "Ann")]
    [InlineData("""{"sub":"s-1"}""", "s-1")]
    public void TheNameIsTheFirstOfTheKnownMembersPresent(string userinfo, string expected) =>
        Profile.FromJson(userinfo)!.Username.Should().Be(expected);

    [Fact]
    public void EmailRolesAndTheOtherMembersAreKept()
    {
        var profile = Profile.FromJson("""{"id":583231,"login":"octocat","email":"o@hub.test","roles":["admin"],"site_admin":false,"plan":{"name":"pro"}}""")!;

        profile.Should().BeEquivalentTo(new { Sub = "583231", Username = "octocat", Email = "o@hub.test", Roles = new[] { "admin" } });
        profile.Others.Should().Equal(("id", "583231"), ("site_admin", "false"), ("plan", """{"name":"pro"}"""));
    }
}
