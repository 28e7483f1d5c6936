using MiniOAuth.Server.Accounts;
using MiniOAuth.Server.Admin;
using MiniOAuth.Server.Clients;

namespace MiniOAuth.Tests.Accounts;

/// <summary>The validators of the account and admin forms, without HTTP.</summary>
public sealed class AccountRuleTests
{
    [Theory]
    [InlineData("alice", "0123456789", "0123456789", true)]
    [InlineData("alice", "012345678", "012345678", false)]
    [InlineData("longusername", "LongUserName", "LongUserName", false)]
    [InlineData("alice", "0123456789", "0123456780", false)]
    public void ANewPasswordHasTenCharactersIsNotTheUsernameAndIsTypedTwice(string username, string next, string confirm, bool valid)
    {
        var result = new PasswordChangeRequestValidator().Validate(new PasswordChangeRequest(username, "current", next, confirm));

        result.IsValid.Should().Be(valid);
    }

    [Fact]
    public void ThePasswordChangeNeedsTheCurrentPassword()
    {
        var result = new PasswordChangeRequestValidator().Validate(new PasswordChangeRequest("alice", "", "0123456789", "0123456789"));

        result.Errors.Should().ContainSingle().Which.PropertyName.Should().Be(nameof(PasswordChangeRequest.CurrentPassword));
    }

    // BCrypt reads 72 bytes: a longer password would match any other that starts the same.
    [Theory]
    [InlineData(72, "x", true)]
    [InlineData(73, "x", false)]
    [InlineData(36, "é", true)]
    [InlineData(37, "é", false)]
    [InlineData(25, "語", false)]
    public void ANewPasswordHasAtMostTheSeventyTwoBytesBcryptReads(int count, string character, bool valid)
    {
        var password = string.Concat(Enumerable.Repeat(character, count));

        var change = new PasswordChangeRequestValidator().Validate(new PasswordChangeRequest("alice", "current", password, password));
        var newUser = new NewUserValidator().Validate(new NewUser("alice", password, null, null, []));

        change.IsValid.Should().Be(valid);
        newUser.IsValid.Should().Be(valid);
    }

    [Theory]
    [InlineData("user admin", true)]
    [InlineData("user,admin", true)]
    [InlineData("", false)]
    [InlineData("Admin", false)]
    [InlineData("a-role-name-that-is-longer-than-32", false)]
    public void RolesAreLowerCaseNamesAndAtLeastOne(string typed, bool valid)
    {
        var result = new RoleChangeValidator().Validate(RoleChange.Parse(typed));

        result.IsValid.Should().Be(valid);
    }

    [Fact]
    public void TypedRolesAreSplitAndDeduplicated()
    {
        var change = RoleChange.Parse(" user, admin\tuser ");

        change.Roles.Should().Equal("user", "admin");
    }

    [Fact]
    public void AClientNeedsAtLeastOneGrantAndAtMostTwentyRedirectUris()
    {
        var uris = Enumerable.Range(0, 21).Select(i => $"https://app.example/cb{i}").ToArray();

        var noGrant = new NewClientValidator().Validate(new NewClient("A", ["https://a.example/cb"], false, Grants: []));
        var tooMany = new NewClientValidator().Validate(new NewClient("A", uris, false));

        noGrant.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Be("Choose at least one grant.");
        tooMany.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Contain("At most 20");
    }

    [Fact]
    public void APublicClientCannotUseClientCredentials()
    {
        var result = new NewClientValidator().Validate(new NewClient("A", ["http://localhost:3000/cb"], true, Grants: ["client_credentials"]));

        result.Errors.Should().ContainSingle().Which.ErrorMessage.Should().Contain("cannot use client_credentials");
    }
}
