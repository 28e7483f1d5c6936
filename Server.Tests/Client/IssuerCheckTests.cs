extern alias ClientApp;

using ClientApp::MiniOAuth.Client.Protocol;

namespace MiniOAuth.Tests.Client;

public sealed class IssuerCheckTests
{
    private const string Issuer = "http://localhost:8000";

    [Fact]
    public void TheExpectedIssuerIsValid() =>
        IssuerCheck.Check(Issuer, Issuer, serverSendsIssuer: true).Should().Be(IssuerCheckResult.Valid);

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://localhost:8000/")]
    [InlineData("HTTP://LOCALHOST:8000")]
    public void AnyOtherIssuerIsForeign(string returned) =>
        IssuerCheck.Check(returned, Issuer, serverSendsIssuer: false).Should().Be(IssuerCheckResult.Foreign);

    [Fact]
    public void AMissingIssuerIsRefusedWhenTheServerPromisesIt() =>
        IssuerCheck.Check(null, Issuer, serverSendsIssuer: true).Should().Be(IssuerCheckResult.Missing);

    [Fact]
    public void AMissingIssuerIsAcceptedWhenTheServerDoesNotPromiseIt() =>
        IssuerCheck.Check(null, Issuer, serverSendsIssuer: false).Should().Be(IssuerCheckResult.Valid);
}
