// The ceiling for bench/run: the request shapes of the benchmarked paths answered with canned
// JSON by a bare ASP.NET Core minimal-API app. It reads what a real server must read (the form,
// the Authorization header, the query) and does no OAuth work, so no server can beat it here.
using System.Text;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var issuer = app.Configuration["OAuth:Issuer"] ?? "http://127.0.0.1:8320";
var metadata = Json($$"""
    {"issuer":"{{issuer}}","authorization_endpoint":"{{issuer}}/oauth/authorize/","token_endpoint":"{{issuer}}/oauth/token/",
     "userinfo_endpoint":"{{issuer}}/oauth/userinfo/","introspection_endpoint":"{{issuer}}/oauth/introspect/",
     "response_types_supported":["code"],"code_challenge_methods_supported":["S256"]}
    """);
// A token response the size of a real one (an RS256 JWT is about 700 characters).
var tokenResponse = Json($$"""
    {"access_token":"{{new string('a', 700)}}","token_type":"Bearer","expires_in":900,
     "refresh_token":"{{new string('r', 43)}}","scope":"profile email roles"}
    """);
var introspection = Json("""
    {"active":true,"scope":"profile","client_id":"23423423","username":"alice","sub":"2","exp":4102444800,"iat":1700000000,"token_type":"Bearer"}
    """);
var userInfo = Json("""
    {"sub":"2","id":"2","username":"alice","name":"Alice","email":"alice@example.com","roles":["user"]}
    """);

app.MapGet("/.well-known/oauth-authorization-server", () => Canned(metadata));
app.MapGet("/healthz", () => TypedResults.Ok("ok"));

app.MapPost("/oauth/token/", async (HttpContext http) =>
{
    var form = await http.Request.ReadFormAsync();
    http.Response.Headers.CacheControl = "no-store";
    return form.ContainsKey("grant_type") ? Canned(tokenResponse) : TypedResults.BadRequest();
});

app.MapPost("/oauth/introspect/", async (HttpContext http) =>
{
    var form = await http.Request.ReadFormAsync();
    return form.ContainsKey("token") ? Canned(introspection) : TypedResults.BadRequest();
});

app.MapMethods("/oauth/userinfo/", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) =>
    http.Request.Headers.Authorization.Count > 0 ? Canned(userInfo) : TypedResults.Unauthorized());

// A logged-in, consented session: straight back to the client with a code.
app.MapGet("/oauth/authorize/", (string redirect_uri, string? state) =>
    TypedResults.Redirect($"{redirect_uri}?code=canned-code&state={Uri.EscapeDataString(state ?? "")}&iss={Uri.EscapeDataString(issuer)}"));

app.Run();

static byte[] Json(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings(""));

static IResult Canned(byte[] body) => TypedResults.Bytes(body, "application/json");
