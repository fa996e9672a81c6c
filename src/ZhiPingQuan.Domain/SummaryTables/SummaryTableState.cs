namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>汇总表 states (docs/domain.md §4.3).</summary>
public enum SummaryTableState
{
    Draft,
    DistrictSealed,
    ThirdPartySealed,
    Submitted,
}

/// <summary>Who put an electronic seal on a table: the header lines 推荐单位（盖章） and 第三方机构（盖章）.</summary>
public enum SealParty
{
    District,
    ThirdParty,
}

/// <summary>Why a seal stopped counting.</summary>
public enum SealVoidCause
{
    /// <summary>The rows changed after the seal: 内容已变更，原盖章失效.</summary>
    ContentChanged,

    /// <summary>The third party refused to seal: the district's seal goes with the refusal, the district corrects and seals again.</summary>
    RefusedByThirdParty,
}

/// <summary>
/// Where a unit's table for a batch stands, as the commission's inbox shows it (docs/domain.md §4.3): from its current
/// revision, or <see cref="NotStarted"/> when the unit has none.
/// </summary>
public enum SummaryTableProgress
{
    NotStarted,
    Draft,
    DistrictSealed,
    ThirdPartySealed,
    SubmittedOnTime,
    SubmittedLate,

    /// <summary>The commission reopened it: a later revision is being corrected, sealed and submitted again.</summary>
    Reopened,
}

public static class SummaryTableStateNames
{
    public static string ToChinese(this SummaryTableState state) => state switch
    {
        SummaryTableState.Draft => "草稿",
        SummaryTableState.DistrictSealed => "推荐单位已盖章",
        SummaryTableState.ThirdPartySealed => "第三方机构已盖章",
        SummaryTableState.Submitted => "已报送",
        _ => state.ToString(),
    };

    public static string ToChinese(this SealParty party) => party switch
    {
        SealParty.District => "推荐单位",
        SealParty.ThirdParty => "第三方机构",
        _ => party.ToString(),
    };

    public static string ToChinese(this SealVoidCause cause) => cause switch
    {
        SealVoidCause.ContentChanged => "内容已变更，原盖章失效",
        SealVoidCause.RefusedByThirdParty => "第三方机构拒绝盖章，原盖章失效",
        _ => cause.ToString(),
    };

    public static string ToChinese(this SummaryTableProgress progress) => progress switch
    {
        SummaryTableProgress.NotStarted => "未开始",
        SummaryTableProgress.Draft => "草稿",
        SummaryTableProgress.DistrictSealed => "区已盖章",
        SummaryTableProgress.ThirdPartySealed => "第三方已盖章",
        SummaryTableProgress.SubmittedOnTime => "已报送（按时）",
        SummaryTableProgress.SubmittedLate => "已报送（逾期）",
        SummaryTableProgress.Reopened => "已退回重报",
        _ => progress.ToString(),
    };
}
