using Microsoft.EntityFrameworkCore.Migrations;

namespace ZhiPingQuan.Web.Data.Migrations.Shared;

/// <summary>
/// Moves the data of migration AuditCatalogueAndNoticeTargets, the same on every provider: audit actions written
/// as Chinese text become the catalogue's code names, and notices get their kind and target from the title and
/// the link they were stored with (before the link column goes).
/// </summary>
internal static class AuditCatalogueData
{
    // The catalogue as it stood when this migration was written (frozen here: later renames must not change it).
    private static readonly (string Chinese, string Code)[] Actions =
    [
        ("登录", "SignedIn"),
        ("登录失败（账户不存在）", "SignInFailedUnknownAccount"),
        ("登录失败（密码错误）", "SignInFailedWrongPassword"),
        ("登录失败（账户锁定）", "SignInFailedLocked"),
        ("退出登录", "SignedOut"),
        ("修改密码", "PasswordChanged"),
        ("新建账户", "AccountCreated"),
        ("修改账户", "AccountEdited"),
        ("锁定账户", "AccountLocked"),
        ("解锁账户", "AccountUnlocked"),
        ("重置密码", "PasswordReset"),
        ("新建单位", "OrganisationCreated"),
        ("修改单位名称", "OrganisationRenamed"),
        ("启用单位", "OrganisationActivated"),
        ("停用单位", "OrganisationDeactivated"),
        ("登记信用代码例外", "CreditCodeExceptionRegistered"),
        ("新建项目年度", "ProgrammeYearCreated"),
        ("修改项目年度金额", "ProgrammeYearAmountsChanged"),
        ("新增批次", "BatchAdded"),
        ("修改批次名称", "BatchRenamed"),
        ("延长截止日期", "DeadlineExtended"),
        ("填报本单位年度设置", "UnitSettingsEntered"),
        ("修改本单位年度设置", "UnitSettingsChanged"),
        ("登记企业", "EnterpriseRegistered"),
        ("修改企业信息", "EnterpriseChanged"),
        ("更正统一社会信用代码", "EnterpriseCreditCodeCorrected"),
        ("变更登记单位", "EnterpriseUnitChanged"),
        ("新建推荐草稿", "RecommendationDrafted"),
        ("修改推荐草稿", "RecommendationDraftChanged"),
        ("推荐企业", "EnterpriseRecommended"),
        ("重新推荐企业", "EnterpriseRecommendedAgain"),
        ("修改推荐内容", "RecommendationChanged"),
        ("撤回推荐", "RecommendationWithdrawn"),
        ("删除推荐草稿", "RecommendationDraftDeleted"),
        ("评估完成", "RecommendationAssessed"),
        ("批量导入推荐", "RecommendationImported"),
        ("批量导入推荐名单", "BatchListImported"),
        ("导出推荐汇总", "RecommendationOverviewExported"),
        ("登记服务机构", "AgencyRegistered"),
        ("修改服务机构", "AgencyChanged"),
        ("指派评估机构", "AgencyAssigned"),
        ("企业确认评估机构", "AgencyAgreedByEnterprise"),
        ("服务机构声明存在利益冲突", "ConflictOfInterestDeclared"),
        ("服务机构声明无利益冲突并接受评估", "AssessmentAccepted"),
        ("改派评估机构", "AgencyReassigned"),
        ("保存评估记录", "AssessmentRecordSaved"),
        ("记录评估过程节点", "CheckpointCompleted"),
        ("提交评估报告", "ReportSubmitted"),
        ("重新提交评估报告", "ReportResubmitted"),
        ("确认评估合规", "ComplianceConfirmed"),
        ("退回评估报告", "ReportReturned"),
        ("确认评估完成", "AssessmentConfirmed"),
        ("下载文件", "FileDownloaded"),
        ("导出审计日志", "AuditTrailExported"),
    ];

    private static readonly (string Title, string Kind, bool Prefix)[] NoticeKinds =
    [
        ("请确认评估服务机构", "AgencyToAgree", false),
        ("新的评估任务：", "AssessmentTaskAssigned", true),
        ("企业已确认评估任务", "EnterpriseAgreed", false),
        ("服务机构声明存在利益冲突：", "ConflictDeclared", true),
        ("评估任务已改派：", "AssessmentTaskWithdrawn", true),
        ("评估报告待核查：", "ReportAwaitingCheck", true),
        ("评估报告被退回", "ReportReturned", false),
        ("评估已通过合规核查，请确认完成", "ComplianceConfirmed", false),
        ("评估诊断结果已确认", "AssessmentConfirmed", false),
        ("评估诊断已确认完成", "AssessmentConfirmed", false),
    ];

    private static readonly string[] AssessmentLinkPrefixes = ["/Assignments/Details/", "/Assessments/Details/", "/Assessments/Record/"];

    /// <summary>Runs after the new notice columns exist and before the link column is dropped.</summary>
    public static void Up(MigrationBuilder b)
    {
        var provider = b.ActiveProvider ?? string.Empty;
        var sqlServer = provider.Contains("SqlServer", StringComparison.Ordinal);
        var postgres = provider.Contains("Npgsql", StringComparison.Ordinal);
        string Text(string s) => (sqlServer ? "N'" : "'") + s.Replace("'", "''", StringComparison.Ordinal) + "'";

        foreach (var (chinese, code) in Actions)
        {
            b.Sql($"UPDATE \"AuditEntries\" SET \"Action\" = {Text(code)} WHERE \"Action\" = {Text(chinese)};");
        }

        foreach (var (title, kind, prefix) in NoticeKinds)
        {
            var match = prefix ? $"\"Title\" LIKE {Text(title + "%")}" : $"\"Title\" = {Text(title)}";
            b.Sql($"UPDATE \"Notifications\" SET \"Kind\" = {Text(kind)} WHERE \"Kind\" = '' AND {match};");
        }
        // A notice whose title matched nothing above (none are expected) still needs a kind: it keeps its text and leads nowhere.
        b.Sql($"UPDATE \"Notifications\" SET \"Kind\" = {Text("AssessmentTaskWithdrawn")} WHERE \"Kind\" = '';");

        foreach (var linkPrefix in AssessmentLinkPrefixes)
        {
            var start = linkPrefix.Length + 1;
            var id = sqlServer ? $"CAST(SUBSTRING(\"Link\", {start}, 36) AS uniqueidentifier)"
                : postgres ? $"CAST(substr(\"Link\", {start}, 36) AS uuid)"
                : $"upper(substr(\"Link\", {start}, 36))";
            b.Sql($"UPDATE \"Notifications\" SET \"TargetKind\" = 'Assessment', \"TargetId\" = {id} WHERE \"Link\" LIKE {Text(linkPrefix + "%")};");
        }
    }
}
