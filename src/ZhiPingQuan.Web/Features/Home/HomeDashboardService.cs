using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Assessments;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Data;
using ZhiPingQuan.Web.Data.Identity;

using ZhiPingQuan.Web.Features.Shared;

namespace ZhiPingQuan.Web.Features.Home;

/// <summary>One thing a role has to do next, with how many records wait for it.</summary>
public sealed record TodoItem(string Title, int Count, string? Hint = null, string? Link = null);

public sealed record DeadlineItem(int Year, string BatchName, DateOnly Deadline, int DaysLeft);

public sealed class Dashboard
{
    public required string Title { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyList<TodoItem> Todos { get; init; }
    public required IReadOnlyList<DeadlineItem> Deadlines { get; init; }
    public IReadOnlyList<(string Label, int Count)> Figures { get; init; } = [];

    /// <summary>For an enterprise: its recommendations (by which unit, to which batch, on what bases).</summary>
    public IReadOnlyList<RecommendationSummary> EnterpriseRecommendations { get; init; } = [];
}

/// <summary>
/// The home page of each role: what waits for this user's organisation, from real queries scoped
/// by the organisation (a district sees only its unit's work, an enterprise only its own).
/// </summary>
public sealed class HomeDashboardService(AppDbContext db, IClock clock, UserManager<AppUser> users, EnterpriseRecommendations recommendations,
    SummaryTablesWaiting tables)
{
    public static string TitleFor(string role) => role switch
    {
        Roles.Commission => "市经济信息化委工作台",
        Roles.District => "推荐单位工作台",
        Roles.Enterprise => "企业工作台",
        Roles.Agency => "服务机构工作台",
        Roles.ThirdParty => "第三方机构工作台",
        Roles.Admin => "系统管理工作台",
        _ => "工作台",
    };

    public async Task<Dashboard> BuildAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var role = user.GetRole() ?? throw new InvalidOperationException("账户没有角色。");
        var org = user.RequireOrganisationId();
        var deadlines = role == Roles.Admin ? [] : await OpenDeadlinesAsync(ct);
        var (todos, figures) = role switch
        {
            Roles.Commission => await CommissionAsync(ct),
            Roles.District => await DistrictAsync(org, ct),
            Roles.Enterprise => await EnterpriseAsync(org, ct),
            Roles.Agency => await AgencyAsync(org, ct),
            Roles.ThirdParty => await ThirdPartyAsync(ct),
            Roles.Admin => await AdminAsync(ct),
            _ => ([], []),
        };
        var enterpriseRecommendations = role == Roles.Enterprise
            ? await recommendations.ForEnterpriseAsync(org, includeDrafts: false, ct)
            : [];
        return new Dashboard
        {
            Title = TitleFor(role), Role = role, Todos = todos, Deadlines = deadlines, Figures = figures,
            EnterpriseRecommendations = enterpriseRecommendations,
        };
    }

    private async Task<TodoItem> TablesAsync(string title, QueryRule<SummaryTable> rule, Guid? unit, string link, CancellationToken ct)
    {
        var (count, hint) = await tables.WaitingAsync(rule, unit, ct);
        return new TodoItem(title, count, hint, link);
    }

    private static (IReadOnlyList<TodoItem>, IReadOnlyList<(string, int)>) Result(TodoItem[] todos, (string, int)[] figures) => (todos, figures);

    /// <summary>The batches of the latest programme year, open ones first, each with its days left.</summary>
    private async Task<IReadOnlyList<DeadlineItem>> OpenDeadlinesAsync(CancellationToken ct)
    {
        var latest = await db.ProgrammeYears.AsNoTracking().OrderByDescending(p => p.Year).Select(p => new { p.Id, p.Year }).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return [];
        }
        var batches = await db.Batches.AsNoTracking().Where(b => b.ProgrammeYearId == latest.Id)
            .Select(b => new { b.Name, b.Deadline }).ToListAsync(ct);
        return batches
            .Select(b => new DeadlineItem(latest.Year, b.Name, b.Deadline, ShanghaiTime.DaysLeft(clock, b.Deadline)))
            .OrderBy(d => d.DaysLeft < 0).ThenBy(d => d.Deadline)
            .ToList();
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<(string, int)>)> CommissionAsync(CancellationToken ct)
    {
        var pendingRedemptions = await db.Redemptions.CountAsync(r => r.State == RedemptionState.PendingApproval, ct);
        var passedWithoutRedemption = await db.QuotaApplications.CountAsync(a => a.State == QuotaApplicationState.Passed
            && !db.Redemptions.Any(r => r.ApplicationId == a.Id), ct);
        var recommended = await db.Recommendations.CountAsync(r => r.State != RecommendationState.Draft && r.State != RecommendationState.Withdrawn, ct);
        return Result(
            [
                new("待审批的兑换", pendingRedemptions, "通过审核的申请生成兑换，由市经信委审批"),
                new("已通过审核、待生成兑换的申请", passedWithoutRedemption),
                await TablesAsync("已提交的汇总表", SummaryTableRules.CurrentAndSubmitted, null, "/SummaryTables/Inbox", ct),
            ],
            [("已推荐企业", recommended), ("已确认评估", await db.Assessments.CountAsync(a => a.State == AssessmentState.Confirmed, ct))]);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<(string, int)>)> DistrictAsync(Guid unit, CancellationToken ct)
    {
        var drafts = await db.Recommendations.CountAsync(r => r.RecommendingUnitId == unit && r.State == RecommendationState.Draft, ct);
        var awaitingAssignment = await db.Recommendations.CountAsync(r => r.RecommendingUnitId == unit && r.State == RecommendationState.Recommended
            && !r.DistrictFundedOnly && !db.Assessments.Any(a => a.RecommendationId == r.Id), ct);
        var toConfirm = await db.Assessments.CountAsync(a => a.RecommendingUnitId == unit && a.ComplianceConfirmedAtUtc != null
            && a.DistrictConfirmedAtUtc == null, ct);
        var conflicts = await db.Assessments.CountAsync(a => a.RecommendingUnitId == unit && a.ConflictDeclared == true
            && a.State == AssessmentState.Assigned, ct);
        var recommended = await db.Recommendations.CountAsync(r => r.RecommendingUnitId == unit && r.State != RecommendationState.Withdrawn
            && r.State != RecommendationState.Draft, ct);
        return Result(
            [
                new("待提交的推荐草稿", drafts),
                new("已推荐、待指派服务机构的企业", awaitingAssignment),
                new("服务机构声明存在利益冲突、需重新指派", conflicts),
                new("第三方已确认合规、待本单位确认完成的评估", toConfirm),
                await TablesAsync("待盖章的汇总表", SummaryTableRules.AwaitingDistrictSeal, unit, "/SummaryTables?queue=AwaitingDistrictSeal", ct),
                await TablesAsync("第三方已盖章、待报送的汇总表", SummaryTableRules.AwaitingSubmission, unit, "/SummaryTables?queue=AwaitingSubmission", ct),
            ],
            [("本单位已推荐企业", recommended)]);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<(string, int)>)> EnterpriseAsync(Guid enterprise, CancellationToken ct)
    {
        var toAgree = await db.Assessments.CountAsync(a => a.EnterpriseId == enterprise && a.EnterpriseConfirmedAtUtc == null
            && a.State == AssessmentState.Assigned, ct);
        var returned = await db.QuotaApplications.CountAsync(a => a.EnterpriseId == enterprise && a.State == QuotaApplicationState.ReturnedForSupplement, ct);
        var drafts = await db.QuotaApplications.CountAsync(a => a.EnterpriseId == enterprise && a.State == QuotaApplicationState.Draft, ct);
        var recommended = await db.Recommendations.CountAsync(r => r.EnterpriseId == enterprise && r.State != RecommendationState.Withdrawn
            && r.State != RecommendationState.Draft, ct);
        return Result(
            [
                new("待确认的服务机构指派", toAgree, "区里为本企业指派了评估服务机构，请确认"),
                new("被退回补正的额度申请", returned),
                new("未提交的额度申请草稿", drafts),
            ],
            [("本企业获推荐次数", recommended)]);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<(string, int)>)> AgencyAsync(Guid agency, CancellationToken ct)
    {
        var toAccept = await db.Assessments.CountAsync(a => a.AgencyId == agency && a.State == AssessmentState.Assigned
            && a.EnterpriseConfirmedAtUtc != null && a.ConflictDeclared == null, ct);
        var inProgress = await db.Assessments.CountAsync(a => a.AgencyId == agency && a.State == AssessmentState.InProgress, ct);
        var returned = await db.Assessments.CountAsync(a => a.AgencyId == agency && a.State == AssessmentState.Returned, ct);
        var confirmed = await db.Assessments.CountAsync(a => a.AgencyId == agency && a.State == AssessmentState.Confirmed, ct);
        return Result(
            [
                new("待接受的评估任务（需声明无利益冲突）", toAccept),
                new("进行中的评估", inProgress),
                new("被第三方退回、待修改的评估报告", returned),
            ],
            [("已确认的评估", confirmed)]);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<(string, int)>)> ThirdPartyAsync(CancellationToken ct)
    {
        var reports = await db.Assessments.CountAsync(a => a.State == AssessmentState.ReportSubmitted && a.ComplianceConfirmedAtUtc == null, ct);
        var applications = await db.QuotaApplications.CountAsync(a => a.State == QuotaApplicationState.Submitted
            || a.State == QuotaApplicationState.Resubmitted || a.State == QuotaApplicationState.UnderReview, ct);
        return Result(
            [
                new("待核查合规的评估报告", reports),
                await TablesAsync("推荐单位已盖章、待第三方盖章的汇总表", SummaryTableRules.AwaitingThirdPartySeal, null, "/SummaryTables?queue=AwaitingThirdPartySeal", ct),
                new("待审核的额度申请", applications),
            ],
            []);
    }

    private async Task<(IReadOnlyList<TodoItem>, IReadOnlyList<(string, int)>)> AdminAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        // SQLite cannot compare DateTimeOffset in SQL; the accounts with any lockout date are few.
        var lockoutEnds = await users.Users.Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd!.Value).ToListAsync(ct);
        var locked = lockoutEnds.Count(end => end.UtcDateTime > now);
        var mustChange = await users.Users.CountAsync(u => u.MustChangePassword, ct);
        var organisations = await db.Organisations.CountAsync(ct);
        var accounts = await users.Users.CountAsync(ct);
        return Result(
            [
                new("被锁定的账户", locked, "连续5次密码错误或被管理员锁定"),
                new("尚未修改初始密码的账户", mustChange),
            ],
            [("单位", organisations), ("账户", accounts)]);
    }
}
