// Not needed to understand the protocol: PostgreSQL cannot store NUL, SQLite can; this keeps both alike.
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MiniOAuth.Server.Data.Postgres;

/// <summary>
/// PostgreSQL text cannot hold the NUL character, which SQLite stores like any other: a NUL in a query
/// parameter (a username, client id or user id typed by anyone) fails the query with 22021, and the
/// request would answer 500. No stored value can contain NUL, so replacing it with U+FFFD in parameters
/// changes no lookup's answer, and such requests are answered as on SQLite: an unknown user or client.
/// </summary>
internal sealed class PostgresNulReplacer : DbCommandInterceptor
{
    private const char Nul = '\0';
    private const char Replacement = '\uFFFD';

    // Called once per command, after EF Core has added its parameters and before any kind of execution.
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            switch (parameter.Value)
            {
                case string text when text.Contains(Nul):
                    parameter.Value = text.Replace(Nul, Replacement);
                    break;
                case string[] texts when texts.Any(t => t?.Contains(Nul) == true):
                    parameter.Value = texts.Select(t => t?.Replace(Nul, Replacement)).ToArray();
                    break;
                case List<string> texts when texts.Any(t => t?.Contains(Nul) == true):
                    parameter.Value = texts.Select(t => t?.Replace(Nul, Replacement)).ToList();
                    break;
            }
        }

        return command;
    }
}
