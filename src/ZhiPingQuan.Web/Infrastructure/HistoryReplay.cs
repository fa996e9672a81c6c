namespace ZhiPingQuan.Web.Infrastructure;

/// <summary>
/// Who took a step and when, for history written outside a request. Only the demo seeding sets it: it replays the
/// programme's past step by step as the demo's officers (<c>Seeding/DemoHistory</c>), so each history line shows the
/// officer and the moment the demo gives for the step, not "系统" at the time of seeding. Within a request it is never
/// set, and the audit trail takes the signed-in user and the clock.
/// </summary>
public sealed class HistoryReplay
{
    /// <param name="UserName">The person as the line shows them (李科长).</param>
    /// <param name="OrganisationName">Their organisation as the line shows it (浦东新区).</param>
    /// <param name="OrganisationId">Their organisation, when the step's records name it (audit filters by organisation).</param>
    public sealed record Step(string UserName, string OrganisationName, Guid? OrganisationId, DateTime AtUtc)
    {
        /// <summary>From the demo's way of naming an officer, "李科长（浦东新区）".</summary>
        public static Step Of(string officer, DateTime atUtc, Guid? organisationId = null)
        {
            var open = officer.IndexOf('（', StringComparison.Ordinal);
            return open < 0 || !officer.EndsWith('）')
                ? new Step(officer, string.Empty, organisationId, atUtc)
                : new Step(officer[..open], officer[(open + 1)..^1], organisationId, atUtc);
        }
    }

    public Step? Current { get; private set; }

    public void Begin(Step step) => Current = step;

    public void End() => Current = null;
}
