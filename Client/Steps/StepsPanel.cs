using MiniOAuth.Client.Pages;

namespace MiniOAuth.Client.Steps;

/// <summary>The "How this worked" panel: every step of the session, in order.</summary>
internal static class StepsPanel
{
    public static Html Render(IReadOnlyList<Step> steps) => Html.Of($"""
        <section class="card steps" id="how-this-worked">
        <h2>How this worked</h2>
        <p class="hint">The steps this app took for you, in order. Secrets and tokens show only their first characters.</p>
        <ol>
        {Html.Join(steps.Select((step, index) => RenderStep(step, gapBefore: index > 0 && step.Number != steps[index - 1].Number + 1)))}
        </ol>
        </section>
        """);

    // Steps are numbered as they happen, so a jump in numbers means older calls were dropped from the log.
    private static Html RenderStep(Step step, bool gapBefore) => Html.Of($"""
        <li value="{step.Number}">
        {Html.When(gapBefore, () => Html.Of($"<p class=\"hint\">(Older calls are no longer shown.)</p>"))}
        <h3>{step.Title} <time>{step.At:HH:mm:ss}</time></h3>
        <p>{step.Explanation}</p>
        <dl>
        {Html.Join(step.Details.Select(RenderDetail))}
        </dl>
        </li>
        """);

    private static Html RenderDetail(StepDetail detail) => detail.Value.Contains('\n')
        ? Html.Of($"<dt>{detail.Label}</dt><dd><pre>{detail.Value}</pre></dd>")
        : Html.Of($"<dt>{detail.Label}</dt><dd><code>{detail.Value}</code></dd>");
}
