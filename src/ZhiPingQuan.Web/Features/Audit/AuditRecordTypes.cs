using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Programmes;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Web.Features.Audit;

/// <summary>
/// The kinds of record the audit trail names (<see cref="AuditEntry.RecordType"/>: a type's code name, kept as stored)
/// by their Chinese names, for the reader of the log. A name the list does not know is shown as stored.
/// </summary>
public static class AuditRecordTypes
{
    /// <summary>Accounts are Identity's records, not the domain's: the trail names them so.</summary>
    public const string Account = "Account";

    /// <summary>A batch list read in one import (many recommendations at once).</summary>
    public const string BatchImport = "BatchImport";

    private static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Account] = "账户",
        [BatchImport] = "批量导入",
        [nameof(Organisation)] = "单位",
        [nameof(RecommendingUnit)] = "推荐单位",
        [nameof(Enterprise)] = "企业",
        [nameof(EnterpriseAccountRequest)] = "企业账户申请",
        [nameof(ServiceAgency)] = "服务机构",
        [nameof(CreditCodeException)] = "信用代码例外",
        [nameof(SmartFactoryLevel)] = "智能工厂等级",
        [nameof(ProgrammeYear)] = "项目年度",
        [nameof(Batch)] = "批次",
        [nameof(UnitYearSettings)] = "本单位年度设置",
        [nameof(Recommendation)] = "企业推荐",
        [nameof(Assessment)] = "评估诊断",
        [nameof(StoredFile)] = "文件",
        [nameof(SummaryTable)] = "汇总表",
        [nameof(SummaryTableRow)] = "汇总表行",
        [nameof(SummaryTableSeal)] = "汇总表盖章",
        [nameof(SummaryTableDroppedRow)] = "汇总表移出记录",
        [nameof(QuotaApplication)] = "额度申请",
        [nameof(EvidenceItem)] = "申请材料",
        [nameof(SupplementRequest)] = "补充材料要求",
        [nameof(SupplementRequestItem)] = "补充材料项",
        [nameof(SupplementChange)] = "补正修改记录",
        [nameof(ReviewDecision)] = "审核意见",
        [nameof(Redemption)] = "兑付",
        [nameof(RedemptionBudget)] = "兑付预算",
        [nameof(RedemptionNotice)] = "兑付通知",
        [nameof(UpgradeRecord)] = "改造升级跟踪",
        [nameof(UpgradeProblem)] = "评估发现的问题",
        [nameof(FollowUpProject)] = "改造项目",
        [nameof(DistrictEvaluation)] = "绩效评价",
        [nameof(Notification)] = "通知",
        [nameof(OutboxEmail)] = "待发邮件",
        [nameof(DeadlineReminder)] = "截止提醒记录",
        [nameof(AuditEntry)] = "审计日志",
    };

    public static string ToChinese(string recordType) => Names.GetValueOrDefault(recordType, recordType);

    /// <summary>Whether the list names <paramref name="recordType"/> (the architecture keeps every record type named).</summary>
    public static bool IsNamed(string recordType) => Names.ContainsKey(recordType);

    /// <summary>The stored names of the record types whose Chinese name contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Matching(string text) =>
        Names.Where(kv => kv.Value.Contains(text, StringComparison.Ordinal)).Select(kv => kv.Key).ToList();
}
