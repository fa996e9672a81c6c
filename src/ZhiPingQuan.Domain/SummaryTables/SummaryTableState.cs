namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>汇总表 states (DESIGN §4.3).</summary>
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
}
