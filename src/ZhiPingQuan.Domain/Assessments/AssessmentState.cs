namespace ZhiPingQuan.Domain.Assessments;

/// <summary>
/// Assigned → InProgress → ReportSubmitted → Confirmed, with ReportSubmitted → Returned → ReportSubmitted
/// (resubmission). Compliance confirmation by the third party is a flag inside ReportSubmitted, not a state.
/// </summary>
public enum AssessmentState
{
    Assigned,
    InProgress,
    ReportSubmitted,
    Returned,
    Confirmed,
}

public static class AssessmentStateNames
{
    public static string ToChinese(this AssessmentState state) => state switch
    {
        AssessmentState.Assigned => "已分配",
        AssessmentState.InProgress => "评估中",
        AssessmentState.ReportSubmitted => "报告已提交",
        AssessmentState.Returned => "已退回",
        AssessmentState.Confirmed => "已确认完成",
        _ => state.ToString(),
    };
}

/// <summary>The process steps of GB/T 39117-2020 the agency records as done, in this order.</summary>
public enum AssessmentCheckpoint
{
    PreAssessment = 1,
    FormalAssessment = 2,
    ResultPublication = 3,
}

public static class AssessmentCheckpointNames
{
    public static IReadOnlyList<AssessmentCheckpoint> All { get; } =
        [AssessmentCheckpoint.PreAssessment, AssessmentCheckpoint.FormalAssessment, AssessmentCheckpoint.ResultPublication];

    public static string ToChinese(this AssessmentCheckpoint checkpoint) => checkpoint switch
    {
        AssessmentCheckpoint.PreAssessment => "预评估",
        AssessmentCheckpoint.FormalAssessment => "正式评估（现场评估）",
        AssessmentCheckpoint.ResultPublication => "结果发布",
        _ => checkpoint.ToString(),
    };

    /// <summary>The step's name where space is short (a list's column): 预评估 / 正式评估 / 结果发布.</summary>
    public static string ToShortChinese(this AssessmentCheckpoint checkpoint) =>
        checkpoint == AssessmentCheckpoint.FormalAssessment ? "正式评估" : checkpoint.ToChinese();
}
