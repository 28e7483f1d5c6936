namespace MiniOAuth.Tests.Infrastructure;

/// <summary>The demo data of the contract.</summary>
public static class Demo
{
    public const string ClientId = "23423423";
    public const string ClientSecret = "Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z";
    public const string ApiKey = "232l4kj23l4j2l34j23l42l34242";
    public const string RedirectUri = "http://localhost:5000/callback";
    public const string PublicClientId = "spa-demo";
    public const string PublicRedirectUri = "http://localhost:3000/callback";

    // RFC 7636 Appendix B.
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
}
