namespace ZhiPingQuan.Web.Features.Shared;

/// <summary>
/// The page that asks before an irreversible step: what will happen, for which record, and one button that posts the
/// step with <c>confirmed=true</c>. A POST without it comes back here, so no step is taken by a stray click.
/// </summary>
public sealed class ConfirmStepModel
{
    public required string Title { get; init; }

    /// <summary>The record the step is about, as the user knows it (enterprise, agency).</summary>
    public required IReadOnlyList<(string Label, string Value)> Facts { get; init; }

    /// <summary>What will happen, one sentence each; the last one says it cannot be undone.</summary>
    public required IReadOnlyList<string> Consequences { get; init; }

    /// <summary>The URL the confirming form posts to.</summary>
    public required string PostUrl { get; init; }

    public required string CancelUrl { get; init; }

    public required string ButtonText { get; init; }

    public string ButtonClass { get; init; } = "btn-primary";

    /// <summary>Hidden fields posted with the step (version, reason …).</summary>
    public IReadOnlyList<(string Name, string Value)> Hidden { get; init; } = [];
}
