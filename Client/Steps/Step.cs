namespace MiniOAuth.Client.Steps;

/// <summary>One labelled value of a step: a URL, a header, a JSON body.</summary>
internal sealed record StepDetail(string Label, string Value);

/// <summary>One thing the client did, as shown in the "How this worked" panel.</summary>
internal sealed record Step(int Number, DateTimeOffset At, string Title, string Explanation, IReadOnlyList<StepDetail> Details);
