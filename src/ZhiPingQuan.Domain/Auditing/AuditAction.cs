namespace ZhiPingQuan.Domain.Auditing;

/// <summary>
/// The closed catalogue of what the audit trail records (docs/domain.md §5). Stored by name, shown by its
/// Chinese name (<see cref="AuditActionNames.ToChinese"/>); a new kind of line means a new member here,
/// never a free string.
/// </summary>
public enum AuditAction
{
    // Accounts and sign-in
    SignedIn,
    SignInFailedUnknownAccount,
    SignInFailedWrongPassword,
    SignInFailedLocked,
    SignedOut,
    PasswordChanged,
    AccountCreated,
    AccountEdited,
    AccountLocked,
    AccountUnlocked,
    PasswordReset,

    // Organisations and reference data
    OrganisationCreated,
    OrganisationRenamed,
    OrganisationActivated,
    OrganisationDeactivated,
    CreditCodeExceptionRegistered,

    // Programme
    ProgrammeYearCreated,
    ProgrammeYearAmountsChanged,
    BatchAdded,
    BatchRenamed,
    DeadlineExtended,
    UnitSettingsEntered,
    UnitSettingsChanged,

    // Enterprise registry
    EnterpriseRegistered,
    EnterpriseChanged,
    EnterpriseCreditCodeCorrected,
    EnterpriseUnitChanged,

    // Recommendations
    RecommendationDrafted,
    RecommendationDraftChanged,
    EnterpriseRecommended,
    EnterpriseRecommendedAgain,
    RecommendationChanged,
    RecommendationWithdrawn,
    RecommendationDraftDeleted,
    RecommendationAssessed,
    RecommendationListed,
    RecommendationUnlisted,
    RecommendationImported,
    BatchListImported,
    RecommendationOverviewExported,

    // Service agencies
    AgencyRegistered,
    AgencyChanged,

    // Assignment and assessment
    AgencyAssigned,
    AgencyAgreedByEnterprise,
    AgencyDeclinedByEnterprise,
    ConflictOfInterestDeclared,
    AssessmentAccepted,
    AgencyReassigned,
    AssessmentRecordSaved,
    CheckpointCompleted,
    ReportSubmitted,
    ReportResubmitted,
    ComplianceConfirmed,
    ReportReturned,
    AssessmentConfirmed,

    // Summary tables
    SummaryTableDrafted,
    SummaryTableRowAdded,
    SummaryTableRowMoved,
    SummaryTableContactCorrected,
    SummaryTableRowDropped,
    SummaryTableRowsUpdated,
    SummaryTableSealedByDistrict,
    SummaryTableSealedByThirdParty,
    SummaryTableSealRefused,
    SummaryTableSubmitted,
    SummaryTableReopened,
    SummaryTableExported,

    // Reads and exports
    FileDownloaded,
    AuditTrailExported,

    // The trail about itself and refused reads
    AuditChainVerified,
    RecordOutOfScope,
}

public static class AuditActionNames
{
    public static string ToChinese(this AuditAction action) => action switch
    {
        AuditAction.SignedIn => "登录",
        AuditAction.SignInFailedUnknownAccount => "登录失败（账户不存在）",
        AuditAction.SignInFailedWrongPassword => "登录失败（密码错误）",
        AuditAction.SignInFailedLocked => "登录失败（账户锁定）",
        AuditAction.SignedOut => "退出登录",
        AuditAction.PasswordChanged => "修改密码",
        AuditAction.AccountCreated => "新建账户",
        AuditAction.AccountEdited => "修改账户",
        AuditAction.AccountLocked => "锁定账户",
        AuditAction.AccountUnlocked => "解锁账户",
        AuditAction.PasswordReset => "重置密码",
        AuditAction.OrganisationCreated => "新建单位",
        AuditAction.OrganisationRenamed => "修改单位名称",
        AuditAction.OrganisationActivated => "启用单位",
        AuditAction.OrganisationDeactivated => "停用单位",
        AuditAction.CreditCodeExceptionRegistered => "登记信用代码例外",
        AuditAction.ProgrammeYearCreated => "新建项目年度",
        AuditAction.ProgrammeYearAmountsChanged => "修改项目年度金额",
        AuditAction.BatchAdded => "新增批次",
        AuditAction.BatchRenamed => "修改批次名称",
        AuditAction.DeadlineExtended => "延长截止日期",
        AuditAction.UnitSettingsEntered => "填报本单位年度设置",
        AuditAction.UnitSettingsChanged => "修改本单位年度设置",
        AuditAction.EnterpriseRegistered => "登记企业",
        AuditAction.EnterpriseChanged => "修改企业信息",
        AuditAction.EnterpriseCreditCodeCorrected => "更正统一社会信用代码",
        AuditAction.EnterpriseUnitChanged => "变更登记单位",
        AuditAction.RecommendationDrafted => "新建推荐草稿",
        AuditAction.RecommendationDraftChanged => "修改推荐草稿",
        AuditAction.EnterpriseRecommended => "推荐企业",
        AuditAction.EnterpriseRecommendedAgain => "重新推荐企业",
        AuditAction.RecommendationChanged => "修改推荐内容",
        AuditAction.RecommendationWithdrawn => "撤回推荐",
        AuditAction.RecommendationDraftDeleted => "删除推荐草稿",
        AuditAction.RecommendationAssessed => "评估完成",
        AuditAction.RecommendationListed => "列入汇总表",
        AuditAction.RecommendationUnlisted => "移出汇总表（汇总表退回重报）",
        AuditAction.RecommendationImported => "批量导入推荐",
        AuditAction.BatchListImported => "批量导入推荐名单",
        AuditAction.RecommendationOverviewExported => "导出推荐汇总",
        AuditAction.AgencyRegistered => "登记服务机构",
        AuditAction.AgencyChanged => "修改服务机构",
        AuditAction.AgencyAssigned => "指派评估机构",
        AuditAction.AgencyAgreedByEnterprise => "企业确认评估机构",
        AuditAction.AgencyDeclinedByEnterprise => "企业拒绝所指派的评估机构",
        AuditAction.ConflictOfInterestDeclared => "服务机构声明存在利益冲突",
        AuditAction.AssessmentAccepted => "服务机构声明无利益冲突并接受评估",
        AuditAction.AgencyReassigned => "改派评估机构",
        AuditAction.AssessmentRecordSaved => "保存评估记录",
        AuditAction.CheckpointCompleted => "记录评估过程节点",
        AuditAction.ReportSubmitted => "提交评估报告",
        AuditAction.ReportResubmitted => "重新提交评估报告",
        AuditAction.ComplianceConfirmed => "确认评估合规",
        AuditAction.ReportReturned => "退回评估报告",
        AuditAction.AssessmentConfirmed => "确认评估完成",
        AuditAction.SummaryTableDrafted => "生成汇总表",
        AuditAction.SummaryTableRowAdded => "汇总表增加企业",
        AuditAction.SummaryTableRowMoved => "调整汇总表排序",
        AuditAction.SummaryTableContactCorrected => "更正汇总表联系方式",
        AuditAction.SummaryTableRowDropped => "汇总表移出企业",
        AuditAction.SummaryTableRowsUpdated => "汇总表按记录更新",
        AuditAction.SummaryTableSealedByDistrict => "推荐单位盖章",
        AuditAction.SummaryTableSealedByThirdParty => "第三方机构盖章",
        AuditAction.SummaryTableSealRefused => "第三方机构拒绝盖章",
        AuditAction.SummaryTableSubmitted => "报送汇总表",
        AuditAction.SummaryTableReopened => "退回汇总表重报",
        AuditAction.SummaryTableExported => "下载汇总表",
        AuditAction.FileDownloaded => "下载文件",
        AuditAction.AuditTrailExported => "导出审计日志",
        AuditAction.AuditChainVerified => "核验审计哈希链",
        AuditAction.RecordOutOfScope => "访问无权查看或不存在的记录（按不存在处理）",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
