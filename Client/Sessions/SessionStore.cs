using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MiniOAuth.Client.Configuration;
using MiniOAuth.Client.Protocol;

namespace MiniOAuth.Client.Sessions;

/// <summary>
/// The sessions of this app, in memory: fine for a companion app that runs as one process. An
/// unused session is forgotten after <see cref="ClientOptions.SessionIdleTimeout"/>.
/// </summary>
internal sealed class SessionStore(TimeProvider time, IOptions<ClientOptions> options)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ClientSession> sessions = new(StringComparer.Ordinal);
    private DateTimeOffset lastSweep = time.GetUtcNow();

    public int Count => sessions.Count;

    public ClientSession? Find(string? id)
    {
        if (id is null || !sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (IsIdle(session, now))
        {
            sessions.TryRemove(id, out _);
            return null;
        }

        session.LastSeen = now;
        return session;
    }

    public ClientSession Start()
    {
        Sweep();
        var session = new ClientSession(RandomToken.Create(), time);
        sessions[session.Id] = session;
        return session;
    }

    /// <summary>
    /// Gives the session a new id, as after sign-in: an id planted in the browser before the login
    /// (session fixation) then no longer leads to the signed-in session.
    /// </summary>
    public void Renew(ClientSession session)
    {
        sessions.TryRemove(session.Id, out _);
        session.Id = RandomToken.Create();
        sessions[session.Id] = session;
    }

    public void End(ClientSession session) => sessions.TryRemove(session.Id, out _);

    private bool IsIdle(ClientSession session, DateTimeOffset now) => now - session.LastSeen > options.Value.SessionIdleTimeout;

    private void Sweep()
    {
        var now = time.GetUtcNow();
        if (now - lastSweep < SweepInterval)
        {
            return;
        }

        lastSweep = now;
        foreach (var (id, session) in sessions)
        {
            if (IsIdle(session, now))
            {
                sessions.TryRemove(id, out _);
            }
        }
    }
}
