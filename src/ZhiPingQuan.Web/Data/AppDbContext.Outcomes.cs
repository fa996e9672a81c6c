using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Evaluations;
using ZhiPingQuan.Domain.Files;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Domain.Upgrades;

namespace ZhiPingQuan.Web.Data;

/// <summary>The second half of the lifecycle (docs/domain.md §4.3–§4.7), files, notifications and the audit trail.</summary>
public abstract partial class AppDbContext
{
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<SummaryTable> SummaryTables => Set<SummaryTable>();
    public DbSet<SummaryTableRow> SummaryTableRows => Set<SummaryTableRow>();
    public DbSet<SummaryTableSeal> SummaryTableSeals => Set<SummaryTableSeal>();

    public DbSet<QuotaApplication> QuotaApplications => Set<QuotaApplication>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();
    public DbSet<SupplementRequest> SupplementRequests => Set<SupplementRequest>();
    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();

    public DbSet<Redemption> Redemptions => Set<Redemption>();
    public DbSet<RedemptionBudget> RedemptionBudgets => Set<RedemptionBudget>();
    public DbSet<RedemptionNotice> RedemptionNotices => Set<RedemptionNotice>();

    public DbSet<UpgradeRecord> UpgradeRecords => Set<UpgradeRecord>();
    public DbSet<UpgradeProblem> UpgradeProblems => Set<UpgradeProblem>();
    public DbSet<FollowUpProject> FollowUpProjects => Set<FollowUpProject>();
    public DbSet<DistrictEvaluation> DistrictEvaluations => Set<DistrictEvaluation>();

    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<DeadlineReminder> DeadlineReminders => Set<DeadlineReminder>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
}
