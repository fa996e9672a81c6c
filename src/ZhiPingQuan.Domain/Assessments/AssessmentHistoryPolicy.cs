using ZhiPingQuan.Domain.Auditing;

namespace ZhiPingQuan.Domain.Assessments;

/// <summary>Who is reading an assessment's history.</summary>
public enum HistoryReader
{
    /// <summary>The commission, the third party, Admin and the assessment's district: the whole history.</summary>
    Supervisor,

    /// <summary>The agency assigned now.</summary>
    Agency,

    /// <summary>The assessed enterprise.</summary>
    Enterprise,
}

/// <summary>
/// Each reader sees only the part of an assessment's history they may see (docs/domain.md §5 Audit trail, §4.2
/// Visibility): an agency sees its own assignment period only — never the working record of an agency the task
/// was taken from; an enterprise does not see the agency's working steps, nor the third party's return reasons
/// before its assessment is confirmed. Audit lines never carry result values, so no reader finds a score here.
/// </summary>
public static class AssessmentHistoryPolicy
{
    /// <summary>The agency's working steps: the enterprise reads the outcome, not the drafts.</summary>
    private static readonly HashSet<AuditAction> AgencyWorkingSteps = [AuditAction.AssessmentRecordSaved, AuditAction.CheckpointCompleted];

    /// <summary>
    /// The lines of <paramref name="orderedLines"/> (the record's history, oldest first) the reader may see. An
    /// agency's period starts at the last line that gave it the task (an assignment or a reassignment): an agency can
    /// read the record only while it is the one assigned, so that line is its own.
    /// </summary>
    public static IReadOnlyList<T> Visible<T>(HistoryReader reader, Assessment assessment, IReadOnlyList<T> orderedLines, Func<T, AuditAction> action)
    {
        switch (reader)
        {
            case HistoryReader.Supervisor:
                return orderedLines;
            case HistoryReader.Agency:
                var start = -1;
                for (var i = 0; i < orderedLines.Count; i++)
                {
                    if (action(orderedLines[i]) is AuditAction.AgencyAssigned or AuditAction.AgencyReassigned)
                    {
                        start = i;
                    }
                }
                return start < 0 ? [] : orderedLines.Skip(start).ToList();
            case HistoryReader.Enterprise:
                return orderedLines.Where(line => !AgencyWorkingSteps.Contains(action(line))
                    && (action(line) != AuditAction.ReportReturned || AssessmentRules.Confirmed.IsSatisfiedBy(assessment))).ToList();
            default:
                return [];
        }
    }

    /// <summary>Whether the reader sees the list of agency changes (改派记录): it names earlier agencies and why they were replaced.</summary>
    public static bool SeesAgencyChanges(HistoryReader reader) => reader != HistoryReader.Agency;

    /// <summary>Whether the reader sees the return reasons (退回记录): the enterprise only once its assessment is confirmed.</summary>
    public static bool SeesReturns(HistoryReader reader, Assessment assessment) =>
        reader != HistoryReader.Enterprise || AssessmentRules.Confirmed.IsSatisfiedBy(assessment);
}
