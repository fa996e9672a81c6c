using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;

namespace ZhiPingQuan.Domain.SummaryTables;

/// <summary>
/// What one row of the table says, taken from a confirmed assessment: the columns of the notice's
/// attachment (企业名称, 统一社会信用代码, 所属行业, 智能制造能力成熟度分数, 智能工厂等级, 联系方式).
/// </summary>
public sealed record SummaryTableRowData(
    Guid EnterpriseId,
    Guid AssessmentId,
    string EnterpriseName,
    string CreditCode,
    KeyIndustry KeyIndustry,
    MaturityScore MaturityScore,
    string SmartFactoryLevelName,
    string Contact);

/// <summary>One line of a 汇总表. Rows are values of their table: a changed row is a replaced row.</summary>
public sealed class SummaryTableRow : Entity
{
    public const int MaxNameLength = 200;
    public const int MaxSmartFactoryLevelNameLength = 50;
    public const int MaxContactLength = 200;

    private SummaryTableRow() { }

    internal SummaryTableRow(Guid summaryTableId, int sequenceNo, SummaryTableRowData data)
    {
        if (data.EnterpriseId == Guid.Empty || data.AssessmentId == Guid.Empty)
        {
            throw new DomainException("汇总表行必须对应一家企业和一项已确认的评估。");
        }
        var name = Required(data.EnterpriseName, "企业名称", MaxNameLength);
        var code = Reference.CreditCode.Normalise(data.CreditCode);
        if (code.Length != 18)
        {
            throw new DomainException($"“{name}”的统一社会信用代码应为18位。");
        }

        SummaryTableId = summaryTableId;
        SequenceNo = sequenceNo;
        EnterpriseId = data.EnterpriseId;
        AssessmentId = data.AssessmentId;
        EnterpriseName = name;
        CreditCode = code;
        KeyIndustry = data.KeyIndustry;
        MaturityScore = data.MaturityScore;
        SmartFactoryLevelName = Required(data.SmartFactoryLevelName, "智能工厂等级", MaxSmartFactoryLevelNameLength);
        Contact = Required(data.Contact, "联系方式", MaxContactLength);
    }

    public Guid SummaryTableId { get; private set; }

    /// <summary>序号, 1-based, in the order the rows were given.</summary>
    public int SequenceNo { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public Guid AssessmentId { get; private set; }
    public string EnterpriseName { get; private set; } = string.Empty;
    public string CreditCode { get; private set; } = string.Empty;
    public KeyIndustry KeyIndustry { get; private set; }
    public MaturityScore MaturityScore { get; private set; }
    public string SmartFactoryLevelName { get; private set; } = string.Empty;
    public string Contact { get; private set; } = string.Empty;

    public SummaryTableRowData ToData() =>
        new(EnterpriseId, AssessmentId, EnterpriseName, CreditCode, KeyIndustry, MaturityScore, SmartFactoryLevelName, Contact);

    private static string Required(string? value, string field, int maxLength)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length == 0)
        {
            throw new DomainException($"汇总表的“{field}”不能为空。");
        }
        if (v.Length > maxLength)
        {
            throw new DomainException($"汇总表的“{field}”过长（最多{maxLength}个字符）。");
        }
        return v;
    }
}
