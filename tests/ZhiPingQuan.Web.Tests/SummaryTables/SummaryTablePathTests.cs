using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.SummaryTables;
using ZhiPingQuan.Web.Tests.Infrastructure;
using static ZhiPingQuan.Web.Tests.SummaryTables.TableArrange;

namespace ZhiPingQuan.Web.Tests.SummaryTables;

/// <summary>
/// The summary table through its pages (docs/domain.md §4.3): built from confirmed assessments only; drafted, sealed by
/// the district and the third party, submitted (recommendations listed in the same save), received by the commission,
/// reopened (a new revision; the old one superseded and readable; recommendations unlisted), corrected, sealed and
/// submitted again.
/// </summary>
public abstract class SummaryTablePathTests(TablePortal portal)
{
    [Fact]
    public async Task The_district_is_offered_the_confirmed_municipal_assessments_of_its_unit_and_batch_only()
    {
        var batch = await NewBatchAsync(portal);
        var confirmed = await EnterpriseAsync(portal, batch, score: 3.25m, industry: Domain.Reference.KeyIndustry.LifeHealth);
        var noContact = await EnterpriseAsync(portal, batch, contactName: null);
        var returned = await EnterpriseAsync(portal, batch, Stage.Returned);
        var reassigned = await EnterpriseAsync(portal, batch, Stage.Reassigned);
        var districtFunded = await EnterpriseAsync(portal, batch, Stage.DistrictFundedOnly);
        var otherUnit = await EnterpriseAsync(portal, batch, unitName: "闵行区");
        var district = await portal.SignedInAsync(Pudong);

        var proposal = Text(await district.GetStringAsync($"/SummaryTables/Build?batchId={batch}"));

        Assert.Contains(confirmed.Name, proposal);
        Assert.Contains(noContact.Name, proposal);
        foreach (var left in new[] { returned, reassigned, districtFunded, otherUnit })
        {
            Assert.DoesNotContain(left.Name, proposal);
        }
        Assert.Contains("序号 企业名称 统一社会信用代码 所属行业（六大重点产业） 智能制造能力成熟度分数 智能工厂等级 联系方式", proposal);

        var id = await DraftAsync(district, batch);
        var table = await LoadAsync(portal, id);
        // Proposed in order of confirmation, then by name (the fixture's clock confirms both at the same instant).
        Assert.Equal(new[] { confirmed, noContact }.OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.EnterpriseId),
            table.Rows.OrderBy(r => r.SequenceNo).Select(r => r.EnterpriseId));
        var row = table.Rows.Single(r => r.EnterpriseId == confirmed.EnterpriseId);
        Assert.Equal((confirmed.Name, confirmed.CreditCode, Domain.Reference.KeyIndustry.LifeHealth, 3.25m, "先进级", "张联系 021-5000 1000"),
            (row.EnterpriseName, row.CreditCode, row.KeyIndustry, row.MaturityScore.Value, row.SmartFactoryLevelName, row.Contact));
        Assert.Equal("", table.Rows.Single(r => r.EnterpriseId == noContact.EnterpriseId).Contact);
        Assert.Equal($"{table.Year}年上海市“智评券”试点重点企业名单汇总表（第一批）", table.Title);

        // A missing contact blocks the seal with the enterprise's name; the district fills it in (the only column it edits).
        var refused = await district.ActAsync(id, "SealDistrict");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"以下企业缺少联系方式，请先补充后再盖章：{noContact.Name}", Text(await refused.Content.ReadAsStringAsync()));
        var empty = await district.ActAsync(id, "CorrectContact", new Dictionary<string, string> { ["enterpriseId"] = noContact.EnterpriseId.ToString(), ["contact"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("联系方式（联系人和电话）", Text(await empty.Content.ReadAsStringAsync()));
        await district.ActOkAsync(id, "CorrectContact", new Dictionary<string, string> { ["enterpriseId"] = noContact.EnterpriseId.ToString(), ["contact"] = "王联系 13800001111" });
        Assert.Equal("王联系 13800001111", (await LoadAsync(portal, id)).Rows.Single(r => r.EnterpriseId == noContact.EnterpriseId).Contact);

        // Drafting a second table of the same unit and batch opens the first.
        var again = await district.GetAsync($"/SummaryTables/Build?batchId={batch}");
        Assert.Equal($"/SummaryTables/Details/{id}", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Draft_seal_seal_submit_list_reopen_correct_and_resubmit()
    {
        var batch = await NewBatchAsync(portal);
        var rows = await EnterprisesAsync(portal, batch, 3);
        var district = await portal.SignedInAsync(Pudong);
        var thirdParty = await portal.SignedInAsync(ThirdParty);
        var commission = await portal.SignedInAsync(Commission);

        var id = await DraftAsync(district, batch);
        await district.ActOkAsync(id, "MoveRow", new Dictionary<string, string> { ["enterpriseId"] = rows[2].EnterpriseId.ToString(), ["to"] = "1" });
        Assert.Equal([rows[2].EnterpriseId, rows[0].EnterpriseId, rows[1].EnterpriseId],
            (await LoadAsync(portal, id)).Rows.OrderBy(r => r.SequenceNo).Select(r => r.EnterpriseId));

        // District seal, then the third party sees it waiting and seals the same content.
        await district.ActOkAsync(id, "SealDistrict");
        Assert.Contains(await portal.WithDbAsync(db => db.Notifications.Select(n => n.Kind).ToListAsync()), k => k == NotificationKind.SummaryTableAwaitingThirdPartySeal);
        var queue = Text(await thirdParty.GetStringAsync("/SummaryTables?queue=AwaitingThirdPartySeal"));
        Assert.Contains("核对盖章", queue);
        await thirdParty.ActOkAsync(id, "SealThirdParty");
        var sealedTable = await LoadAsync(portal, id);
        Assert.Equal(SummaryTableState.ThirdPartySealed, sealedTable.State);
        Assert.Equal(sealedTable.DistrictSeal!.ContentHash, sealedTable.ThirdPartySeal!.ContentHash);
        Assert.Equal("赵审核员（第三方）", sealedTable.ThirdPartySeal.SealedBy);

        // Submission: a code, the signature, and every row's recommendation Listed in the same save.
        await district.ActOkAsync(id, "Submit");
        var submitted = await LoadAsync(portal, id);
        Assert.Equal(SummaryTableState.Submitted, submitted.State);
        Assert.True(SummaryTable.IsWellFormedVerificationCode(submitted.VerificationCode));
        Assert.False(submitted.SubmittedLate);
        foreach (var r in rows)
        {
            Assert.Equal(RecommendationState.Listed, await RecommendationStateAsync(portal, r.RecommendationId));
        }
        Assert.Contains("签名有效", Text(await district.GetStringAsync($"/SummaryTables/Details/{id}")));
        Assert.Equal(3, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.RecommendationListed
            && rows.Select(r => r.RecommendationId).Contains(e.RecordId!.Value))));

        // The commission finds it in its inbox for the batch, on time, and reopens it with a reason.
        var inbox = Text(await commission.GetStringAsync($"/SummaryTables/Inbox?batchId={batch}"));
        Assert.Contains("浦东新区 已报送（按时） 第1版 3", inbox);
        Assert.Contains("闵行区 未开始", inbox);
        var noReason = await commission.ActAsync(id, "Reopen", new Dictionary<string, string> { ["reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("退回汇总表必须填写原因", Text(await noReason.Content.ReadAsStringAsync()));
        Assert.True((await LoadAsync(portal, id)).IsCurrent);

        const string reason = "第二家企业联系方式有误，请核实后重报。";
        var reopen = await commission.ActAsync(id, "Reopen", new Dictionary<string, string> { ["reason"] = reason });
        Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        var nextId = Guid.Parse(reopen.Headers.Location!.OriginalString.Split('/').Last());
        var old = await LoadAsync(portal, id);
        var next = await LoadAsync(portal, nextId);
        Assert.False(old.IsCurrent);
        Assert.Equal(SummaryTableState.Submitted, old.State);
        Assert.Equal(reason, old.ReopenReason);
        Assert.Equal((2, SummaryTableState.Draft, id), (next.Revision, next.State, next.PreviousRevisionId!.Value));
        foreach (var r in rows)
        {
            Assert.Equal(RecommendationState.Assessed, await RecommendationStateAsync(portal, r.RecommendationId));
        }
        var pudongId = await portal.WithDbAsync(db => db.RecommendingUnits.Where(u => u.Name == "浦东新区").Select(u => u.Id).FirstAsync());
        var thirdPartyId = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.ThirdParty).Select(o => o.Id).FirstAsync());
        var reopenNotices = await portal.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.SummaryTableReopened && n.TargetId == nextId)
            .Select(n => n.RecipientOrganisationId).ToListAsync());
        Assert.Contains(pudongId, reopenNotices);
        Assert.Contains(thirdPartyId, reopenNotices);
        Assert.True(await portal.WithDbAsync(db => db.OutboxEmails.AnyAsync(m => m.To == Pudong && m.Body.Contains(reason))));

        // The old revision stays readable and downloadable, marked superseded; the new one shows the reason.
        var oldPage = Text(await district.GetStringAsync($"/SummaryTables/Details/{id}"));
        Assert.Contains("已被取代", oldPage);
        Assert.Contains(reason, oldPage);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/SummaryTables/Pdf/{id}")).StatusCode);
        Assert.Contains(reason, Text(await district.GetStringAsync($"/SummaryTables/Details/{nextId}")));
        Assert.Contains("已退回重报", Text(await commission.GetStringAsync($"/SummaryTables/Inbox?batchId={batch}")));

        // The district corrects, both seal again, the district resubmits after the deadline (a reopened revision may).
        portal.Now = new DateTime(2023, 12, 20, 2, 0, 0, DateTimeKind.Utc);
        try
        {
            var second = next.Rows.Single(r => r.SequenceNo == 2);
            await district.ActOkAsync(nextId, "CorrectContact", new Dictionary<string, string> { ["enterpriseId"] = second.EnterpriseId.ToString(), ["contact"] = "李更正 021-88886666" });
            await district.ActOkAsync(nextId, "SealDistrict");
            await thirdParty.ActOkAsync(nextId, "SealThirdParty");
            await district.ActOkAsync(nextId, "Submit");
        }
        finally
        {
            portal.Now = TablePortal.Start;
        }
        var resubmitted = await LoadAsync(portal, nextId);
        Assert.Equal(SummaryTableState.Submitted, resubmitted.State);
        Assert.NotEqual(old.VerificationCode, resubmitted.VerificationCode);
        foreach (var r in rows)
        {
            Assert.Equal(RecommendationState.Listed, await RecommendationStateAsync(portal, r.RecommendationId));
        }
        Assert.All(await portal.WithDbAsync(db => db.Recommendations.Where(r => rows.Select(x => x.RecommendationId).Contains(r.Id)).Select(r => r.ListedInSummaryTableId).ToListAsync()),
            listedIn => Assert.Equal(nextId, listedIn));

        // The new revision says what changed from the first; the inbox shows it submitted with one earlier revision.
        var nextPage = Text(await commission.GetStringAsync($"/SummaryTables/Details/{nextId}"));
        Assert.Contains($"与第1版相比 修改 {next.Rows.Single(r => r.SequenceNo == 2).EnterpriseName}", nextPage);
        Assert.Contains("联系方式：张联系", nextPage);
        Assert.Contains("→ 李更正 021-88886666", nextPage);
        var inboxAfter = Text(await commission.GetStringAsync($"/SummaryTables/Inbox?batchId={batch}"));
        Assert.Contains("浦东新区 已报送（按时） 第2版 （另有 1 个旧版本） 3", inboxAfter);

        // Each step is in the table's history and the audit trail.
        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == id || e.RecordId == nextId).Select(e => e.Action).ToListAsync());
        foreach (var action in new[] { AuditAction.SummaryTableDrafted, AuditAction.SummaryTableRowMoved, AuditAction.SummaryTableSealedByDistrict,
                     AuditAction.SummaryTableSealedByThirdParty, AuditAction.SummaryTableSubmitted, AuditAction.SummaryTableReopened,
                     AuditAction.SummaryTableContactCorrected })
        {
            Assert.Contains(action, actions);
        }
        Assert.Equal(2, actions.Count(a => a == AuditAction.SummaryTableSubmitted));
        var history = Text(await district.GetStringAsync($"/SummaryTables/Details/{id}"));
        Assert.Contains("推荐单位盖章", history);
        Assert.Contains("退回汇总表重报", history);
    }

    [Fact]
    public async Task A_change_after_a_seal_voids_it_visibly_and_a_refusal_comes_back_to_the_district_with_its_reason()
    {
        var batch = await NewBatchAsync(portal);
        var rows = await EnterprisesAsync(portal, batch, 2);
        var district = await portal.SignedInAsync(Pudong);
        var thirdParty = await portal.SignedInAsync(ThirdParty);
        var id = await DraftAsync(district, batch);

        await district.ActOkAsync(id, "SealDistrict");
        await district.ActOkAsync(id, "MoveRow", new Dictionary<string, string> { ["enterpriseId"] = rows[1].EnterpriseId.ToString(), ["to"] = "1" });
        var moved = await LoadAsync(portal, id);
        Assert.Equal(SummaryTableState.Draft, moved.State);
        Assert.Equal(SealVoidCause.ContentChanged, Assert.Single(moved.Seals).VoidCause);
        Assert.Contains("内容已变更，原盖章失效", Text(await district.GetStringAsync($"/SummaryTables/Details/{id}")));

        // The third party refuses without a reason: told, nothing changes; with a reason: the district sees it, its seal void.
        await district.ActOkAsync(id, "SealDistrict");
        var before = await LoadAsync(portal, id);
        var noReason = await thirdParty.ActAsync(id, "Refuse", new Dictionary<string, string> { ["reason"] = "  " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("拒绝盖章必须填写原因", Text(await noReason.Content.ReadAsStringAsync()));
        var unchanged = await LoadAsync(portal, id);
        Assert.Equal((SummaryTableState.DistrictSealed, before.Version), (unchanged.State, unchanged.Version));

        const string reason = "第一家企业的智能工厂等级与评估报告不一致。";
        await thirdParty.ActOkAsync(id, "Refuse", new Dictionary<string, string> { ["reason"] = reason });
        var refused = await LoadAsync(portal, id);
        Assert.Equal(SummaryTableState.Draft, refused.State);
        Assert.Empty(refused.ActiveSeals);
        var page = Text(await district.GetStringAsync($"/SummaryTables/Details/{id}"));
        Assert.Contains($"第三方机构拒绝盖章（上海智能制造质量监督服务中心（第三方） 赵审核员（第三方）", page);
        Assert.Contains(reason, page);
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.SummaryTableSealRefused && n.TargetId == id)));
        Assert.Contains(reason, Text(await district.GetStringAsync("/SummaryTables")));

        // Sealed again, the district's notice is settled.
        await district.ActOkAsync(id, "SealDistrict");
        Assert.False(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.SummaryTableSealRefused && n.TargetId == id && n.ReadAtUtc == null)));
    }

    [Fact]
    public async Task An_assessment_that_is_no_longer_confirmed_drops_out_with_a_note_and_a_later_one_can_be_added()
    {
        var batch = await NewBatchAsync(portal);
        var rows = await EnterprisesAsync(portal, batch, 2);
        var district = await portal.SignedInAsync(Pudong);
        var id = await DraftAsync(district, batch);
        await district.ActOkAsync(id, "SealDistrict");

        // What a later change of the records would do (the pages offer no way back from Confirmed today).
        await portal.WithDbAsync(db => db.Assessments.Where(a => a.Id == rows[0].AssessmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, Domain.Assessments.AssessmentState.Returned)));
        var late = await EnterpriseAsync(portal, batch);

        var page = Text(await district.GetStringAsync($"/SummaryTables/Details/{id}"));
        Assert.Contains($"{rows[0].Name}：评估报告已被第三方机构退回，将移出汇总表", page);
        Assert.Contains(late.Name, page);
        var thirdParty = await portal.SignedInAsync(ThirdParty);
        var blocked = await thirdParty.ActAsync(id, "SealThirdParty");
        Assert.Equal(HttpStatusCode.BadRequest, blocked.StatusCode);
        Assert.Contains("汇总表与最新记录不一致", Text(await blocked.Content.ReadAsStringAsync()));
        Assert.Equal(SummaryTableState.DistrictSealed, (await LoadAsync(portal, id)).State);

        await district.ActOkAsync(id, "Refresh");
        await district.ActOkAsync(id, "AddRow", new Dictionary<string, string> { ["enterpriseId"] = late.EnterpriseId.ToString() });

        var table = await LoadAsync(portal, id);
        Assert.Equal([rows[1].EnterpriseId, late.EnterpriseId], table.Rows.OrderBy(r => r.SequenceNo).Select(r => r.EnterpriseId));
        var note = Assert.Single(table.DroppedRows);
        Assert.Equal((rows[0].Name, "评估报告已被第三方机构退回"), (note.EnterpriseName, note.Reason));
        Assert.Empty(table.ActiveSeals);
        Assert.Contains($"{rows[0].Name}（ {rows[0].CreditCode} ）：评估报告已被第三方机构退回", Text(await district.GetStringAsync($"/SummaryTables/Details/{id}")));
    }
}

[Collection("sqlite")]
public sealed class SummaryTablePathTests_Sqlite(TableSqlitePortal portal) : SummaryTablePathTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class SummaryTablePathTests_Postgres(TablePostgresPortal portal) : SummaryTablePathTests(portal), IClassFixture<TablePostgresPortal>;
