namespace ZhiPingQuan.Domain.Applications;

/// <summary>额度申请 states (docs/domain.md §4.4).</summary>
public enum QuotaApplicationState
{
    Draft,
    Submitted,
    UnderReview,
    ReturnedForSupplement,
    Resubmitted,
    Passed,
    Rejected,
    Withdrawn,
}

public static class QuotaApplicationStateNames
{
    public static string ToChinese(this QuotaApplicationState state) => state switch
    {
        QuotaApplicationState.Draft => "草稿",
        QuotaApplicationState.Submitted => "已提交",
        QuotaApplicationState.UnderReview => "审核中",
        QuotaApplicationState.ReturnedForSupplement => "退回补正",
        QuotaApplicationState.Resubmitted => "已重新提交",
        QuotaApplicationState.Passed => "审核通过",
        QuotaApplicationState.Rejected => "审核不通过",
        QuotaApplicationState.Withdrawn => "已撤回",
        _ => state.ToString(),
    };

    /// <summary>Passed and Rejected are decisions; Withdrawn ends the application too.</summary>
    public static bool IsFinal(this QuotaApplicationState state) => QuotaApplicationStateRules.Final.IsSatisfiedBy(state);
}
