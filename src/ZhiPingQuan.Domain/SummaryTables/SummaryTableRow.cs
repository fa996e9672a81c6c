using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
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
    string Contact)
{
    /// <summary>
    /// The row the records give (docs/domain.md §4.3): the registry's name, code and industry, the confirmed
    /// assessment's score and smart-factory level, the enterprise's contact as "name phone".
    /// </summary>
    public static SummaryTableRowData FromRecords(Enterprise enterprise, Assessment assessment)
    {
        ArgumentNullException.ThrowIfNull(enterprise);
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.EnterpriseId != enterprise.Id)
        {
            throw new DomainException("评估记录与企业不一致。");
        }
        if (!AssessmentRules.Confirmed.IsSatisfiedBy(assessment) || assessment.Score is not { } score || assessment.SmartFactoryLevelName is not { } level)
        {
            throw new DomainException($"“{enterprise.Name}”的评估诊断尚未确认完成，不能列入汇总表。");
        }
        return new SummaryTableRowData(enterprise.Id, assessment.Id, enterprise.Name, enterprise.CreditCode.Value, enterprise.Industry,
            score, level, enterprise.ContactLine);
    }

    /// <summary>The columns whose values differ from <paramref name="other"/>'s, by their Chinese names (序号 aside).</summary>
    public IReadOnlyList<string> FieldsDifferingFrom(SummaryTableRowData other, bool includeContact = true)
    {
        var fields = new List<string>();
        if (EnterpriseName != other.EnterpriseName) fields.Add(SummaryTableColumns.EnterpriseName);
        if (!string.Equals(Reference.CreditCode.Normalise(CreditCode), Reference.CreditCode.Normalise(other.CreditCode), StringComparison.Ordinal)) fields.Add(SummaryTableColumns.CreditCode);
        if (KeyIndustry != other.KeyIndustry) fields.Add(SummaryTableColumns.KeyIndustry);
        if (MaturityScore != other.MaturityScore) fields.Add(SummaryTableColumns.MaturityScore);
        if (SmartFactoryLevelName != other.SmartFactoryLevelName) fields.Add(SummaryTableColumns.SmartFactoryLevel);
        if (includeContact && (Contact ?? string.Empty).Trim() != (other.Contact ?? string.Empty).Trim()) fields.Add(SummaryTableColumns.Contact);
        return fields;
    }
}

/// <summary>The seven column headers of the notice's attachment, exactly, in order.</summary>
public static class SummaryTableColumns
{
    public const string SequenceNo = "序号";
    public const string EnterpriseName = "企业名称";
    public const string CreditCode = "统一社会信用代码";
    public const string KeyIndustry = "所属行业（六大重点产业）";
    public const string MaturityScore = "智能制造能力成熟度分数";
    public const string SmartFactoryLevel = "智能工厂等级";
    public const string Contact = "联系方式";

    public static IReadOnlyList<string> All { get; } = [SequenceNo, EnterpriseName, CreditCode, KeyIndustry, MaturityScore, SmartFactoryLevel, Contact];
}

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
        var name = Required(data.EnterpriseName, SummaryTableColumns.EnterpriseName, MaxNameLength);
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
        SmartFactoryLevelName = Required(data.SmartFactoryLevelName, SummaryTableColumns.SmartFactoryLevel, MaxSmartFactoryLevelNameLength);
        // A contact may be missing in the registry: the district fills it in before sealing (the seal checks).
        Contact = Optional(data.Contact, name, MaxContactLength);
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

    /// <summary>联系方式, "name phone"; empty until the district fills in a missing one.</summary>
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

    internal static string Optional(string? value, string enterpriseName, int maxLength)
    {
        var v = (value ?? string.Empty).Trim();
        if (v.Length > maxLength)
        {
            throw new DomainException($"“{enterpriseName}”的联系方式过长（最多{maxLength}个字符）。", "contact");
        }
        if (v.Any(char.IsControl))
        {
            throw new DomainException($"“{enterpriseName}”的联系方式不能包含换行或制表符。", "contact");
        }
        return v;
    }
}

/// <summary>
/// A row that left a draft because its record no longer qualifies (the assessment was returned or reassigned, the
/// recommendation no longer counts for the municipal table): kept as a visible note on the revision.
/// </summary>
public sealed class SummaryTableDroppedRow : Entity
{
    public const int MaxReasonLength = 200;

    private SummaryTableDroppedRow() { }

    internal SummaryTableDroppedRow(Guid summaryTableId, SummaryTableRow row, string reason, DateTime atUtc)
    {
        SummaryTableId = summaryTableId;
        EnterpriseId = row.EnterpriseId;
        EnterpriseName = row.EnterpriseName;
        CreditCode = row.CreditCode;
        var r = (reason ?? string.Empty).Trim();
        Reason = r.Length == 0 ? "不再符合列入条件" : r.Length > MaxReasonLength ? r[..MaxReasonLength] : r;
        AtUtc = atUtc;
    }

    public Guid SummaryTableId { get; private set; }
    public Guid EnterpriseId { get; private set; }
    public string EnterpriseName { get; private set; } = string.Empty;
    public string CreditCode { get; private set; } = string.Empty;
    public string Reason { get; private set; } = string.Empty;
    public DateTime AtUtc { get; private set; }
}
