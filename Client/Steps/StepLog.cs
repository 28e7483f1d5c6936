namespace MiniOAuth.Client.Steps;

/// <summary>
/// The steps of one session, in order: the sign-in steps are all kept; of the calls made after
/// sign-in (page loads, refreshes, saves) only the latest are kept, so memory stays bounded.
/// Page loads may run at once, so every access takes the lock.
/// </summary>
internal sealed class StepLog(TimeProvider time)
{
    /// <summary>How many steps after sign-in are kept.</summary>
    public const int RecentLimit = 24;

    /// <summary>More than a sign-in takes; an attempt left unfinished cannot grow the log without bound.</summary>
    public const int SignInLimit = 12;

    private readonly Lock gate = new();
    private readonly List<Step> signIn = [];
    private readonly Queue<Step> recent = new();
    private bool signingIn;
    private int lastNumber;

    /// <summary>A new login attempt: forget everything and collect sign-in steps.</summary>
    public void StartSignIn()
    {
        lock (gate)
        {
            signIn.Clear();
            recent.Clear();
            lastNumber = 0;
            signingIn = true;
        }
    }

    /// <summary>The login is complete: later steps are kept only while they are recent.</summary>
    public void FinishSignIn()
    {
        lock (gate)
        {
            signingIn = false;
        }
    }

    public void Add(string title, string explanation, params StepDetail[] details)
    {
        lock (gate)
        {
            var step = new Step(++lastNumber, time.GetUtcNow(), title, explanation, details);
            if (signingIn && signIn.Count < SignInLimit)
            {
                signIn.Add(step);
                return;
            }

            recent.Enqueue(step);
            while (recent.Count > RecentLimit)
            {
                recent.Dequeue();
            }
        }
    }

    public IReadOnlyList<Step> Snapshot()
    {
        lock (gate)
        {
            return [.. signIn, .. recent];
        }
    }
}
