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

    public static bool MaySee(HistoryReader reader, Assessment assessment, AuditAction action, DateTime atUtc) => reader switch
    {
        HistoryReader.Supervisor => true,
        // The current assignment began at AssignedAtUtc; the line recording it is written in the same save, not earlier.
        HistoryReader.Agency => atUtc >= assessment.AssignedAtUtc,
        HistoryReader.Enterprise => !AgencyWorkingSteps.Contains(action)
            && (action != AuditAction.ReportReturned || assessment.State == AssessmentState.Confirmed),
        _ => false,
    };

    /// <summary>Whether the reader sees the list of agency changes (改派记录): it names earlier agencies and why they were replaced.</summary>
    public static bool SeesAgencyChanges(HistoryReader reader) => reader != HistoryReader.Agency;

    /// <summary>Whether the reader sees the return reasons (退回记录): the enterprise only once its assessment is confirmed.</summary>
    public static bool SeesReturns(HistoryReader reader, Assessment assessment) =>
        reader != HistoryReader.Enterprise || assessment.State == AssessmentState.Confirmed;
}
