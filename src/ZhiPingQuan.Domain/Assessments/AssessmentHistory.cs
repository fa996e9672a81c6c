namespace ZhiPingQuan.Domain.Assessments;

/// <summary>One change of the assigned agency before the report was submitted (改派), with its reason.</summary>
public sealed class AssessmentAssignmentChange
{
    private AssessmentAssignmentChange() { }

    internal AssessmentAssignmentChange(Guid fromAgencyId, Guid toAgencyId, string reason, string byUserName, DateTime atUtc)
    {
        Id = Guid.CreateVersion7();
        FromAgencyId = fromAgencyId;
        ToAgencyId = toAgencyId;
        Reason = reason;
        ByUserName = byUserName;
        AtUtc = atUtc;
    }

    public Guid Id { get; private set; }
    public Guid FromAgencyId { get; private set; }
    public Guid ToAgencyId { get; private set; }
    public string Reason { get; private set; } = string.Empty;
    public string ByUserName { get; private set; } = string.Empty;
    public DateTime AtUtc { get; private set; }
}

/// <summary>One return of a submitted report to the agency, with the reasons (kept after resubmission).</summary>
public sealed class AssessmentReturn
{
    private AssessmentReturn() { }

    internal AssessmentReturn(int reportVersion, string reasons, string byUserName, DateTime atUtc)
    {
        Id = Guid.CreateVersion7();
        ReportVersion = reportVersion;
        Reasons = reasons;
        ByUserName = byUserName;
        AtUtc = atUtc;
    }

    public Guid Id { get; private set; }

    /// <summary>The report version that was returned.</summary>
    public int ReportVersion { get; private set; }

    public string Reasons { get; private set; } = string.Empty;
    public string ByUserName { get; private set; } = string.Empty;
    public DateTime AtUtc { get; private set; }
}
