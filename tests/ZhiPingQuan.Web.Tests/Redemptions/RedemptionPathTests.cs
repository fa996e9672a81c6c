using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Tests.Applications;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Redemptions.RedemptionArrange;

namespace ZhiPingQuan.Web.Tests.Redemptions;

/// <summary>
/// The redemption through its pages (docs/domain.md §4.6): a passed application becomes a redemption for the assessing
/// municipal agency, the commission approves it after the confirmation page, records the payment; declines with a reason;
/// a district-level agency's work is not redeemed and the list says why; the budget cap holds exactly, also when two
/// commission users approve overlapping lists at the same time; the loser is told which were approved already.
/// </summary>
public abstract class RedemptionPathTests(TablePortal portal)
{
    [Fact]
    public async Task Passed_becomes_pending_then_approved_after_confirmation_then_paid_and_the_agency_is_told()
    {
        var year = await NewYearAsync(portal, new Money(1_000_000m));
        var p = (await PassedAsync(portal, year, 1))[0];
        var r = await RedemptionOfAsync(portal, p);
        Assert.Equal((RedemptionState.PendingApproval, Standard, p.AgencyId, p.EnterpriseId), (r.State, r.Amount, r.AgencyId, r.EnterpriseId));
        var commissionId = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Commission).Select(o => o.Id).FirstAsync());
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.RedemptionAwaitingApproval
            && n.TargetId == r.Id && n.RecipientOrganisationId == commissionId)));

        var commission = await portal.SignedInAsync(Commission);
        var list = Text(await commission.GetStringAsync($"/Redemptions?yearId={year.YearId}"));
        Assert.Contains(p.Name, list);
        Assert.Contains("待批准 1 笔 · 100,000.00 元", list);
        Assert.Contains("预算余额 1,000,000.00 元", list);

        // The confirmation page lists the chosen ones with the total.
        var confirm = await PostListAsync(commission, $"/Redemptions?yearId={year.YearId}", "/Redemptions/ApproveConfirm", [new("ids", r.Id.ToString())]);
        var confirmText = Text(await confirm.Content.ReadAsStringAsync());
        Assert.Contains(p.Name, confirmText);
        Assert.Contains("确认批准以上 1 笔，合计 100,000.00 元", confirmText);
        Assert.Contains("余额 1,000,000.00 元；批准后余额 900,000.00 元。", confirmText);
        Assert.Equal(RedemptionState.PendingApproval, (await RedemptionOfAsync(portal, p)).State);

        var flash = await commission.FlashAfterAsync(await commission.ApproveAsync([r.Id]));
        Assert.Contains($"已批准1笔兑付，合计100,000.00 元：{p.Name}", flash);
        var approved = await RedemptionOfAsync(portal, p);
        Assert.Equal(RedemptionState.Approved, approved.State);
        Assert.Equal(10_000_000L, await portal.WithDbAsync(db => db.RedemptionBudgets.Where(b => b.ProgrammeYearId == year.YearId).Select(b => b.CommittedFen).FirstAsync()));
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.RedemptionApproved && n.RecipientOrganisationId == p.AgencyId && n.TargetId == r.Id)));
        Assert.False(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.RedemptionAwaitingApproval && n.TargetId == r.Id && n.ReadAtUtc == null)));

        // A payment dated in the future is refused beside the field and changes nothing.
        var page = $"/Redemptions/Details/{r.Id}";
        var future = await commission.PostFormAsync(page, $"/Redemptions/RecordPayment/{r.Id}", new Dictionary<string, string>
        {
            ["version"] = PageVersion(await commission.GetStringAsync(page)), ["paidOn"] = "2023-10-21", ["reference"] = "ICBC-0001",
        });
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Contains("支付日期不能晚于今天。", Text(await future.Content.ReadAsStringAsync()));
        Assert.Equal(RedemptionState.Approved, (await RedemptionOfAsync(portal, p)).State);

        var paid = await commission.PostFormAsync(page, $"/Redemptions/RecordPayment/{r.Id}", new Dictionary<string, string>
        {
            ["version"] = PageVersion(await commission.GetStringAsync(page)), ["paidOn"] = "2023-10-20", ["reference"] = "ICBC-0001",
        });
        Assert.Contains("已登记支付：2023年10月20日，凭证号ICBC-0001", await commission.FlashAfterAsync(paid));
        var done = await RedemptionOfAsync(portal, p);
        Assert.Equal((RedemptionState.Paid, new DateOnly(2023, 10, 20), "ICBC-0001"), (done.State, done.PaidOn, done.PaymentReference));
        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == r.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditAction.RedemptionCreated, AuditAction.RedemptionApproved, AuditAction.RedemptionPaid], actions);

        // The agency sees its redemption and payment with totals.
        var agency = await portal.SignedInAsync(AgencyA);
        var mine = Text(await agency.GetStringAsync($"/Redemptions?yearId={year.YearId}"));
        Assert.Contains(p.Name, mine);
        Assert.Contains("已支付 1 笔 · 100,000.00 元", mine);
        Assert.Contains("ICBC-0001", mine);
    }

    [Fact]
    public async Task Decline_needs_a_reason_and_tells_the_enterprise_and_the_agency()
    {
        var year = await NewYearAsync(portal, null);
        var p = (await PassedAsync(portal, year, 1))[0];
        var r = await RedemptionOfAsync(portal, p);
        var commission = await portal.SignedInAsync(Commission);
        var page = $"/Redemptions/Details/{r.Id}";

        var empty = await commission.PostFormAsync(page, $"/Redemptions/Decline/{r.Id}", new Dictionary<string, string>
        {
            ["version"] = PageVersion(await commission.GetStringAsync(page)), ["reason"] = "  ",
        });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("不予兑付必须填写原因。", Text(await empty.Content.ReadAsStringAsync()));
        var unchanged = await RedemptionOfAsync(portal, p);
        Assert.Equal((RedemptionState.PendingApproval, r.Version), (unchanged.State, unchanged.Version));

        var declined = await commission.PostFormAsync(page, $"/Redemptions/Decline/{r.Id}", new Dictionary<string, string>
        {
            ["version"] = PageVersion(await commission.GetStringAsync(page)), ["reason"] = "评估报告与现场情况不符",
        });
        Assert.Contains("评估报告与现场情况不符", await commission.FlashAfterAsync(declined));
        Assert.Equal((RedemptionState.Declined, "评估报告与现场情况不符"), ((await RedemptionOfAsync(portal, p)).State, (await RedemptionOfAsync(portal, p)).DeclineReason));
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.RedemptionDeclined && n.RecipientOrganisationId == p.EnterpriseId)));
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.RedemptionDeclined && n.RecipientOrganisationId == p.AgencyId)));

        // A declined one cannot be approved afterwards.
        var flash = await commission.FlashAfterAsync(await commission.ApproveAsync([r.Id]));
        Assert.Contains($"以下兑付已由他人处理，未重复批准：{p.Name}（不予兑付）", flash);
        Assert.Equal(RedemptionState.Declined, (await RedemptionOfAsync(portal, p)).State);
    }

    [Fact]
    public async Task A_district_level_agency_gets_no_redemption_and_the_list_says_why()
    {
        var year = await NewYearAsync(portal, null);
        var districtAgency = await DistrictAgencyAsync(portal);
        var p = (await PassedAsync(portal, year, 1, districtAgency))[0];

        Assert.Empty(await RedemptionsAsync(portal, year));
        var commission = await portal.SignedInAsync(Commission);
        var list = Text(await commission.GetStringAsync($"/Redemptions?yearId={year.YearId}"));
        Assert.Contains("已审核通过但不能兑付（1）", list);
        Assert.Contains($"{p.Name}", list);
        Assert.Contains("为区级服务机构，只有市级服务机构的评估才能兑付", list);
    }

    [Fact]
    public async Task The_cap_is_reached_exactly_and_the_next_approval_is_refused_with_nothing_changed()
    {
        var year = await NewYearAsync(portal, new Money(200_000m));
        var passed = await PassedAsync(portal, year, 3);
        var ids = new List<Guid>();
        foreach (var p in passed)
        {
            ids.Add((await RedemptionOfAsync(portal, p)).Id);
        }
        var commission = await portal.SignedInAsync(Commission);

        // A list of all three would pass the cap: none is approved.
        var tooMany = await commission.ApproveAsync(ids);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("预算不足，本次未批准任何兑付", Text(await tooMany.Content.ReadAsStringAsync()));
        Assert.All(await RedemptionsAsync(portal, year), r => Assert.Equal(RedemptionState.PendingApproval, r.State));

        await commission.FlashAfterAsync(await commission.ApproveAsync(ids.Take(2)));
        Assert.Contains("预算余额 0.00 元", Text(await commission.GetStringAsync($"/Redemptions?yearId={year.YearId}")));
        var auditBefore = await portal.WithDbAsync(db => db.AuditEntries.CountAsync());
        var third = await RedemptionsAsync(portal, year);

        var refused = await commission.ApproveAsync([ids[2]]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("超出预算上限：上限¥200,000.00，已批准¥200,000.00，本次¥100,000.00", Text(await refused.Content.ReadAsStringAsync()));
        var after = await RedemptionsAsync(portal, year);
        Assert.Equal(third.Select(r => (r.Id, r.State, r.Version)), after.Select(r => (r.Id, r.State, r.Version)));
        Assert.Equal(20_000_000L, await portal.WithDbAsync(db => db.RedemptionBudgets.Where(b => b.ProgrammeYearId == year.YearId).Select(b => b.CommittedFen).FirstAsync()));
        Assert.Equal(auditBefore, await portal.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task The_second_approver_of_an_overlapping_list_is_told_which_were_approved_already()
    {
        var year = await NewYearAsync(portal, null);
        var passed = await PassedAsync(portal, year, 3);
        var ids = new List<Guid>();
        foreach (var p in passed)
        {
            ids.Add((await RedemptionOfAsync(portal, p)).Id);
        }
        var first = await portal.SignedInAsync(Commission);
        var secondEmail = await ApplicationArrange.AccountAsync(portal,
            await portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Commission).Select(o => o.Id).FirstAsync()), Roles.Commission);
        var second = await portal.SignedInAsync(secondEmail, Accounts.Password);
        // A commission account that is not a demo account signs in with a second factor: it enrols first.
        await AccountTesting.EnrolAsync(second, await AccountTesting.EnrolmentKeyAsync(second));

        await first.FlashAfterAsync(await first.ApproveAsync(ids.Take(2)));
        var flash = await second.FlashAfterAsync(await second.ApproveAsync(ids));

        Assert.Contains($"已批准1笔兑付，合计100,000.00 元：{passed[2].Name}", flash);
        Assert.Contains($"以下兑付已由他人处理，未重复批准：{passed[0].Name}（已批准）、{passed[1].Name}（已批准）", flash);
        Assert.Equal(3, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.RedemptionApproved && ids.Contains(e.RecordId!.Value))));
    }

    [Fact]
    public async Task Twenty_parallel_approvals_of_overlapping_lists_by_two_users_approve_each_once_within_the_cap()
    {
        var cap = new Money(1_000_000m);
        var year = await NewYearAsync(portal, cap);
        var passed = await PassedAsync(portal, year, 12);
        var ids = (await RedemptionsAsync(portal, year)).Select(r => r.Id).ToList();
        Assert.Equal(12, ids.Count);
        var commissionId = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.Commission).Select(o => o.Id).FirstAsync());
        var clients = new[]
        {
            await portal.SignedInAsync(Commission),
            await portal.SignedInAsync(await ApplicationArrange.AccountAsync(portal, commissionId, Roles.Commission), Accounts.Password),
        };
        await AccountTesting.EnrolAsync(clients[1], await AccountTesting.EnrolmentKeyAsync(clients[1]));
        // Tokens first, so the twenty posts really run together.
        var tokens = new List<string>();
        foreach (var c in clients)
        {
            tokens.Add(await c.AntiforgeryTokenAsync("/Redemptions"));
        }

        var posts = Enumerable.Range(0, 20).Select(i =>
        {
            var list = Enumerable.Range(i % 12, 3).Select(k => ids[k % 12]).ToList();
            var fields = list.Select(id => new KeyValuePair<string, string>("ids", id.ToString()))
                .Append(new("__RequestVerificationToken", tokens[i % 2]));
            return clients[i % 2].PostAsync("/Redemptions/Approve", new FormUrlEncodedContent(fields));
        }).ToList();
        var responses = await Task.WhenAll(posts);

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"answered {(int)r.StatusCode}"));
        var after = await RedemptionsAsync(portal, year);
        var approved = after.Where(r => r.State == RedemptionState.Approved).ToList();
        Assert.NotEmpty(approved);
        Assert.True(approved.Sum(r => r.Amount.Yuan) <= cap.Yuan);
        Assert.Equal(approved.Sum(r => r.Amount.Yuan) * 100m,
            await portal.WithDbAsync(db => db.RedemptionBudgets.Where(b => b.ProgrammeYearId == year.YearId).Select(b => b.CommittedFen).FirstAsync()));
        var lines = await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.RedemptionApproved && ids.Contains(e.RecordId!.Value))
            .Select(e => e.RecordId!.Value).ToListAsync());
        Assert.Equal(approved.Select(r => r.Id).Order(), lines.Order());
        Assert.Equal(approved.Count, await portal.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.RedemptionApproved
            && ids.Contains(n.TargetId!.Value))));
    }
}

[Collection("sqlite")]
public sealed class RedemptionPathTests_Sqlite(TableSqlitePortal portal) : RedemptionPathTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class RedemptionPathTests_Postgres(TablePostgresPortal portal) : RedemptionPathTests(portal), IClassFixture<TablePostgresPortal>;
