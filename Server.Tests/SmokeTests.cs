namespace MiniOAuth.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void TheTestProjectBuilds() => true.Should().BeTrue();
}
