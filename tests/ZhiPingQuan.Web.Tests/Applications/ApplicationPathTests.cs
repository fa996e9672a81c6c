using System.Net;
using Microsoft.EntityFrameworkCore;
using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Notifications;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Reviews;
using ZhiPingQuan.Web.Authorization;
using ZhiPingQuan.Web.Features.Applications;
using ZhiPingQuan.Web.Tests.Infrastructure;
using ZhiPingQuan.Web.Tests.SummaryTables;
using static ZhiPingQuan.Web.Tests.Applications.ApplicationArrange;

namespace ZhiPingQuan.Web.Tests.Applications;

/// <summary>
/// The quota application through its pages (docs/domain.md §4.4–§4.5): apply from the records, upload evidence, submit, the
/// third party opens and sees the checks computed from the real records, returns two items, the enterprise fixes only those
/// and resubmits, the reviewer sees what changed and passes; reject; withdraw and apply again; the deadlines; who may apply.
/// </summary>
public abstract class ApplicationPathTests(TablePortal portal)
{
    private static readonly DateTime Start = TablePortal.Start;

    [Fact]
    public async Task Apply_submit_review_return_two_items_resubmit_with_one_file_replaced_and_pass()
    {
        var listed = await ListedEnterpriseAsync(portal);
        var enterprise = await portal.SignedInAsync(listed);
        var reviewer = await portal.SignedInAsync(ThirdParty);

        // The home page offers the application with the batch deadline and days left; the form is pre-filled from the records.
        var home = Text(await enterprise.GetStringAsync("/"));
        Assert.Contains($"本企业已列入{listed.Year}年度第一批汇总表，可申请智评券额度。申请截止：2023年12月15日（当日24:00截止） 还剩 56 天", home);
        var form = FormValues(await enterprise.GetStringAsync($"/Applications/New?batchId={listed.BatchId}"), "new-form");
        Assert.Equal((listed.Name, listed.CreditCode, "3.35", "Three", "先进级", "孙联系", "021-5000 1000", "contact@example.cn"),
            (form["EnterpriseName"], form["CreditCode"], form["Score"], form["MaturityLevel"], form["SmartFactoryLevelName"], form["ContactPerson"], form["ContactPhone"], form["ContactEmail"]));
        var id = await enterprise.ApplyAsync(listed);
        var draft = await LoadAsync(portal, id);
        Assert.Equal((QuotaApplicationState.Draft, listed.ReportFileId, "1,3"), (draft.State, draft.ReportFileId, draft.BasesCode));

        // Submitting with the checklist incomplete is refused, naming what is missing; nothing changes.
        var early = await enterprise.EnterpriseActAsync(id, "Submit");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("提交前还需填写或上传：改造升级/购置合同（推荐依据1 智能化改造）、各级智能工厂或示范应用场景批文（推荐依据3 智能工厂或示范场景）",
            Text(await early.Content.ReadAsStringAsync()));
        Assert.Equal(QuotaApplicationState.Draft, (await LoadAsync(portal, id)).State);

        await enterprise.CompleteEvidenceAsync(portal, listed, id);
        var page = Text(await enterprise.GetStringAsync($"/Applications/Details/{id}"));
        Assert.Contains("MES系统采购合同 — 35.50 万元 · 生产环节", page);
        Assert.Contains("SHA-256", page);
        Assert.Contains("单个文件不超过20MB", page);
        await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Submit"), $"/Applications/Details/{id}");
        var submitted = await LoadAsync(portal, id);
        Assert.Equal(QuotaApplicationState.Submitted, submitted.State);
        Assert.Equal(CheckOutcome.Passed, submitted.ReportCheckOutcome);
        var thirdPartyId = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.ThirdParty).Select(o => o.Id).FirstAsync());
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.ApplicationAwaitingReview
            && n.TargetId == id && n.RecipientOrganisationId == thirdPartyId)));
        Assert.True(await portal.WithDbAsync(db => db.OutboxEmails.AnyAsync(m => m.To == ThirdParty && m.Subject.Contains(listed.Name))));

        // The queue lists it oldest first; opening it starts the review; every check is computed from the records and passes.
        var queue = Text(await reviewer.GetStringAsync("/Reviews?queue=AwaitingReview&size=100")); // the fixture's other tests leave older ones
        Assert.Contains(listed.Name, queue);
        var review = await reviewer.GetStringAsync($"/Reviews/Details/{id}");
        Assert.Equal(QuotaApplicationState.UnderReview, (await LoadAsync(portal, id)).State);
        Assert.Contains($"{Enum.GetValues<ConsistencyCheck>().Length} 项全部通过", Text(review));
        Assert.Contains("data-testid=\"check-ReportMatchesRecord\" data-outcome=\"Passed\"", review);
        Assert.Contains($"改造合同签订于{listed.Year}年度", Text(review));
        Assert.False(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.ApplicationAwaitingReview && n.TargetId == id
            && n.RecipientOrganisationId == thirdPartyId && n.ReadAtUtc == null)));

        // Return two items — the contract's file and the contact — each with its reason.
        var contract = submitted.Evidence.Single(e => e.Kind == EvidenceKind.UpgradeContract);
        var due = new DateOnly(2023, 11, 3);
        await AssertRedirectAsync(await reviewer.ReturnAsync(id, due,
            (ReturnItemForm.EvidenceKey(contract.Id), "合同缺少双方盖章页"), (ReturnItemForm.ContactKey, "联系电话无法接通")), $"/Reviews/Details/{id}");
        var returned = await LoadAsync(portal, id);
        Assert.Equal(QuotaApplicationState.ReturnedForSupplement, returned.State);
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.ApplicationReturned && n.RecipientOrganisationId == listed.EnterpriseId)));

        // The enterprise sees exactly what to fix and why; a change outside the return is refused and changes nothing.
        var returnedPage = Text(await enterprise.GetStringAsync($"/Applications/Details/{id}"));
        Assert.Contains("改造升级/购置合同：MES系统采购合同 ：合同缺少双方盖章页", returnedPage);
        Assert.Contains("联系人信息 ：联系电话无法接通", returnedPage);
        Assert.Contains("请在 2023年11月3日（当日24:00截止） 前", returnedPage);
        var outside = await enterprise.UploadAsync(id, EvidenceKind.Other, "其他.pdf", Pdf(portal, "其他"));
        Assert.Equal(HttpStatusCode.OK, outside.StatusCode);
        Assert.Contains("“补充其他佐证材料”不在本次补正要求中", Text(await outside.Content.ReadAsStringAsync()));
        var details = FormValues(await enterprise.GetStringAsync($"/Applications/Details/{id}"), "details-form");
        var stated = await enterprise.PostFormAsync($"/Applications/Details/{id}", $"/Applications/SaveDetails/{id}",
            new Dictionary<string, string>(details) { ["SmartFactoryLevelName"] = "卓越级" });
        Assert.Contains("不在本次补正要求中", Text(await stated.Content.ReadAsStringAsync()));
        Assert.Equal(("先进级", 2), await portal.WithDbAsync(async db => (await db.QuotaApplications.Where(a => a.Id == id).Select(a => a.SmartFactoryLevelName).FirstAsync(),
            await db.EvidenceItems.CountAsync(e => e.QuotaApplicationId == id))));

        // Fix the two items: a new contract file (the old one kept) and the phone; resubmit.
        var oldFile = await portal.WithDbAsync(db => db.StoredFiles.FirstAsync(f => f.Id == contract.FileId));
        var newPdf = Pdf(portal, "MES系统采购合同（含盖章页）");
        var replace = await enterprise.PostMultipartAsync($"/Applications/Details/{id}", $"/Applications/ReplaceEvidence/{id}",
            new Dictionary<string, string> { ["version"] = PageVersion(await enterprise.GetStringAsync($"/Applications/Details/{id}")), ["evidenceItemId"] = contract.Id.ToString() },
            ("file", "MES系统采购合同-盖章版.pdf", newPdf));
        await AssertRedirectAsync(replace, $"/Applications/Details/{id}");
        details = FormValues(await enterprise.GetStringAsync($"/Applications/Details/{id}"), "details-form");
        await AssertRedirectAsync(await enterprise.PostFormAsync($"/Applications/Details/{id}", $"/Applications/SaveDetails/{id}",
            new Dictionary<string, string>(details) { ["ContactPhone"] = "13900001111" }), $"/Applications/Details/{id}");
        portal.Now = Start.AddDays(3);
        try
        {
            await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Resubmit", new Dictionary<string, string> { ["note"] = "已补充盖章页并更新电话" }),
                $"/Applications/Details/{id}");
        }
        finally
        {
            portal.Now = Start;
        }
        var resubmitted = await LoadAsync(portal, id);
        Assert.Equal((QuotaApplicationState.Resubmitted, true), (resubmitted.State, resubmitted.IsRevised));
        Assert.Equal(oldFile.Id, resubmitted.Evidence.Single(e => e.Id == contract.Id).PreviousFileId);
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.ApplicationAwaitingReview && n.TargetId == id && n.Title.Contains("已补正"))));

        // The reviewer sees 已补正 and what changed: the file (old and new names and hashes) and the phone (before → after).
        var queueAgain = Text(await reviewer.GetStringAsync("/Reviews?queue=AwaitingReview"));
        Assert.Contains("已补正", queueAgain);
        var newFileId = resubmitted.Evidence.Single(e => e.Id == contract.Id).FileId;
        var newFile = await portal.WithDbAsync(db => db.StoredFiles.FirstAsync(f => f.Id == newFileId));
        var reviewAgain = Text(await reviewer.GetStringAsync($"/Reviews/Details/{id}"));
        Assert.Contains("已补正", reviewAgain);
        Assert.Contains($"原文件 MES系统采购合同.pdf（SHA-256 {oldFile.Sha256} ）", reviewAgain);
        Assert.Contains($"→ 新文件 MES系统采购合同-盖章版.pdf（SHA-256 {newFile.Sha256} ）", reviewAgain);
        Assert.Contains("联系电话：021-5000 1000 → 13900001111", reviewAgain);
        Assert.Contains("企业说明：已补充盖章页并更新电话", reviewAgain);

        await AssertRedirectAsync(await reviewer.ReviewerActAsync(id, "Pass", new Dictionary<string, string> { ["remark"] = "材料齐全" }), $"/Reviews/Details/{id}");
        var passed = await LoadAsync(portal, id);
        Assert.Equal(QuotaApplicationState.Passed, passed.State);
        Assert.Equal([ReviewDecisionKind.ReturnForSupplement, ReviewDecisionKind.Pass],
            await portal.WithDbAsync(db => db.ReviewDecisions.Where(d => d.ApplicationId == id).OrderBy(d => d.AtUtc).Select(d => d.Kind).ToListAsync()));
        Assert.True(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.ApplicationPassed && n.RecipientOrganisationId == listed.EnterpriseId)));
        Assert.Contains("申请已审核通过", Text(await enterprise.GetStringAsync($"/Applications/Details/{id}")));

        // Every step is a line of the application's history.
        var actions = await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == id).Select(e => e.Action).ToListAsync());
        foreach (var action in new[] { AuditAction.ApplicationDrafted, AuditAction.EvidenceUploaded, AuditAction.ApplicationSubmitted, AuditAction.ApplicationReviewStarted,
                     AuditAction.ApplicationReturned, AuditAction.EvidenceReplaced, AuditAction.ApplicationDetailsChanged, AuditAction.ApplicationResubmitted, AuditAction.ApplicationPassed })
        {
            Assert.Contains(action, actions);
        }
    }

    [Fact]
    public async Task The_review_list_searches_as_every_list_by_any_part_of_the_credit_code_and_by_part_of_the_name()
    {
        var found = await ListedEnterpriseAsync(portal);
        var other = await ListedEnterpriseAsync(portal);
        foreach (var listed in new[] { found, other })
        {
            var enterprise = await portal.SignedInAsync(listed);
            var id = await enterprise.ApplyAsync(listed);
            await enterprise.CompleteEvidenceAsync(portal, listed, id);
            await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Submit"), $"/Applications/Details/{id}");
        }
        var reviewer = await portal.SignedInAsync(ThirdParty);
        async Task<string> SearchAsync(string typed) => await reviewer.GetStringAsync($"/Reviews?q={Uri.EscapeDataString(typed)}&size=100");

        // Eight characters from the middle of the code, typed in lower case and with a space.
        var byCode = await SearchAsync(found.CreditCode[6..10].ToLowerInvariant() + " " + found.CreditCode[10..14]);
        Assert.Contains(found.Name, byCode);
        Assert.DoesNotContain(other.Name, byCode);
        // The whole code in full-width characters.
        Assert.Contains(found.Name, await SearchAsync(string.Concat(found.CreditCode.Select(c => (char)(c + 0xFEE0)))));
        // Part of the name, its Latin letters in the other case.
        var byName = await SearchAsync(found.Name["申请".Length..^"有限公司".Length].ToLowerInvariant());
        Assert.Contains(found.Name, byName);
        Assert.DoesNotContain(other.Name, byName);
    }

    [Fact]
    public async Task A_reviewer_rejects_with_a_reason_and_without_one_is_told_and_nothing_changes()
    {
        var (listed, id) = await SubmittedAsync();
        var reviewer = await portal.SignedInAsync(ThirdParty);
        await reviewer.GetStringAsync($"/Reviews/Details/{id}");
        var before = await LoadAsync(portal, id);

        var noReason = await reviewer.ReviewerActAsync(id, "Reject", new Dictionary<string, string> { ["reason"] = " " });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("审核结论为“不通过”时必须填写原因", Text(await noReason.Content.ReadAsStringAsync()));
        var unchanged = await LoadAsync(portal, id);
        Assert.Equal((QuotaApplicationState.UnderReview, before.Version), (unchanged.State, unchanged.Version));

        await AssertRedirectAsync(await reviewer.ReviewerActAsync(id, "Reject", new Dictionary<string, string> { ["reason"] = "改造合同与推荐依据不符" }), $"/Reviews/Details/{id}");
        Assert.Equal(QuotaApplicationState.Rejected, (await LoadAsync(portal, id)).State);
        var notice = await portal.WithDbAsync(db => db.Notifications.FirstAsync(n => n.Kind == NotificationKind.ApplicationRejected && n.TargetId == id));
        Assert.Equal(listed.EnterpriseId, notice.RecipientOrganisationId);
        Assert.Contains("改造合同与推荐依据不符", notice.Body);
        Assert.Contains("申请审核不通过：改造合同与推荐依据不符", Text(await (await portal.SignedInAsync(listed)).GetStringAsync($"/Applications/Details/{id}")));
    }

    [Fact]
    public async Task The_enterprise_withdraws_before_a_decision_and_applies_again_in_the_same_year_but_never_holds_two_active()
    {
        var (listed, id) = await SubmittedAsync();
        var enterprise = await portal.SignedInAsync(listed);

        // A second application while the first is active: refused by the page and by the database.
        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.GetAsync($"/Applications/New?batchId={listed.BatchId}")).StatusCode);
        var second = await enterprise.PostFormAsync("/Applications", $"/Applications/Create?batchId={listed.BatchId}", new Dictionary<string, string>
        {
            ["EnterpriseName"] = listed.Name, ["CreditCode"] = listed.CreditCode, ["Score"] = "3.35", ["MaturityLevel"] = "Three", ["SmartFactoryLevelName"] = "先进级",
        });
        Assert.Contains("同一年度只能有一份有效申请", Text(await second.Content.ReadAsStringAsync()));
        Assert.Equal(1, await portal.WithDbAsync(db => db.QuotaApplications.CountAsync(a => a.EnterpriseId == listed.EnterpriseId)));

        await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Withdraw", new Dictionary<string, string> { ["reason"] = "材料需重新准备" }), "/Applications");
        var withdrawn = await LoadAsync(portal, id);
        Assert.Equal((QuotaApplicationState.Withdrawn, "材料需重新准备"), (withdrawn.State, withdrawn.WithdrawReason));
        Assert.Contains("申请智评券额度", Text(await enterprise.GetStringAsync("/")));

        var again = await enterprise.ApplyAsync(listed);
        Assert.NotEqual(id, again);
        Assert.Equal([(again, QuotaApplicationState.Draft), (id, QuotaApplicationState.Withdrawn)],
            (await portal.WithDbAsync(db => db.QuotaApplications.Where(a => a.EnterpriseId == listed.EnterpriseId).Select(a => new { a.Id, a.State }).ToListAsync()))
            .Select(a => (a.Id, a.State)).OrderBy(a => a.State));

        // The database holds the rule too: a second active application of the year is refused even past the pages.
        await Assert.ThrowsAsync<DbUpdateException>(() => portal.WithDbAsync(async db =>
        {
            var source = await db.QuotaApplications.AsNoTracking().FirstAsync(a => a.Id == again);
            var duplicate = new QuotaApplication(new ApplicationOrigin(source.EnterpriseId, source.ProgrammeYearId, source.BatchId, source.RecommendingUnitId,
                source.AssessmentId, source.AgencyId, source.ReportFileId, source.Bases), new StatedAssessment(source.EnterpriseName, source.CreditCode,
                source.MaturityScore, source.MaturityLevel, source.SmartFactoryLevelName), true, Start);
            db.QuotaApplications.Add(duplicate);
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(2, await portal.WithDbAsync(db => db.QuotaApplications.CountAsync(a => a.EnterpriseId == listed.EnterpriseId)));
    }

    [Fact]
    public async Task Submission_after_the_batch_deadline_is_refused_in_Chinese_and_changes_nothing_an_extension_opens_it_again()
    {
        var listed = await ListedEnterpriseAsync(portal);
        var enterprise = await portal.SignedInAsync(listed);
        var id = await enterprise.ApplyAsync(listed);
        await enterprise.CompleteEvidenceAsync(portal, listed, id);
        var before = await LoadAsync(portal, id);
        var audit = await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == id));

        portal.Now = new DateTime(2023, 12, 15, 16, 0, 0, DateTimeKind.Utc); // 16 December, 00:00 in Shanghai
        try
        {
            var late = await enterprise.EnterpriseActAsync(id, "Submit");
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
            Assert.Contains("本批次的截止日期为2023年12月15日（当日24:00截止），已过截止时间，不能提交申请。如确需提交申请，请联系市经信委延长截止日期。", Text(await late.Content.ReadAsStringAsync()));
            var after = await LoadAsync(portal, id);
            Assert.Equal((QuotaApplicationState.Draft, before.Version, (DateTime?)null), (after.State, after.Version, after.SubmittedAtUtc));
            Assert.Equal(audit, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordId == id)));
            Assert.False(await portal.WithDbAsync(db => db.Notifications.AnyAsync(n => n.TargetId == id)));

            await portal.WithDbAsync(async db =>
            {
                var batch = await db.Batches.Include(b => b.ProgrammeYear).FirstAsync(b => b.Id == listed.BatchId);
                batch.ExtendDeadline(new DateOnly(2023, 12, 31), "企业申请材料准备延后", "王主任（市经信委）", portal.Now);
                return await db.SaveChangesAsync();
            });
            await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Submit"), $"/Applications/Details/{id}");
            Assert.Equal(QuotaApplicationState.Submitted, (await LoadAsync(portal, id)).State);
        }
        finally
        {
            portal.Now = Start;
        }
    }

    [Fact]
    public async Task An_enterprise_not_listed_in_a_submitted_table_cannot_apply()
    {
        var listed = await ListedEnterpriseAsync(portal);
        var other = await ListedEnterpriseAsync(portal);
        var enterprise = await portal.SignedInAsync(other);

        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/Applications/New?batchId={listed.BatchId}")).StatusCode);
        var create = await enterprise.PostFormAsync($"/Applications/New?batchId={other.BatchId}", $"/Applications/Create?batchId={listed.BatchId}",
            new Dictionary<string, string> { ["EnterpriseName"] = other.Name, ["CreditCode"] = other.CreditCode, ["Score"] = "3.35", ["MaturityLevel"] = "Three", ["SmartFactoryLevelName"] = "先进级" });
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.DoesNotContain("申请智评券额度", Text(await (await portal.SignedInAsync("enterprise.b@zpq.local")).GetStringAsync("/")));
        Assert.Equal(0, await portal.WithDbAsync(db => db.QuotaApplications.CountAsync(a => a.EnterpriseId == other.EnterpriseId)));
    }

    [Fact]
    public async Task A_due_date_beyond_fifteen_days_or_the_batch_deadline_is_refused()
    {
        var (_, id) = await SubmittedAsync(deadline: new DateOnly(2023, 10, 25));
        var reviewer = await portal.SignedInAsync(ThirdParty);
        await reviewer.GetStringAsync($"/Reviews/Details/{id}");

        var past = await reviewer.ReturnAsync(id, new DateOnly(2023, 10, 26), (ReturnItemForm.ContactKey, "电话有误"));
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("补正截止日期不能晚于本批次截止日期（2023年10月25日，含延期）", Text(await past.Content.ReadAsStringAsync()));
        var none = await reviewer.ReturnAsync(id, new DateOnly(2023, 10, 25));
        Assert.Contains("请至少勾选一项需要补正的内容", Text(await none.Content.ReadAsStringAsync()));
        Assert.Equal(QuotaApplicationState.UnderReview, (await LoadAsync(portal, id)).State);
        Assert.Contains("最晚 2023年10月25日", Text(await reviewer.GetStringAsync($"/Reviews/Details/{id}")));

        var (_, far) = await SubmittedAsync();
        await reviewer.GetStringAsync($"/Reviews/Details/{far}");
        var tooLong = await reviewer.ReturnAsync(far, new DateOnly(2023, 11, 5), (ReturnItemForm.ContactKey, "电话有误"));
        Assert.Contains("补正期限最长15天，截止日期最晚为2023年11月4日", Text(await tooLong.Content.ReadAsStringAsync()));
        Assert.Empty((await LoadAsync(portal, far)).SupplementRequests);
    }

    [Fact]
    public async Task Two_reviewers_deciding_at_once_one_wins_and_the_other_is_told_and_nothing_else_changes()
    {
        var (_, id) = await SubmittedAsync();
        var first = await portal.SignedInAsync(ThirdParty);
        var thirdPartyId = await portal.WithDbAsync(db => db.Organisations.Where(o => o.Kind == OrganisationKind.ThirdParty).Select(o => o.Id).FirstAsync());
        var second = await portal.SignedInAsync(await AccountAsync(portal, thirdPartyId, Roles.ThirdParty), Accounts.Password);
        // A third-party account that is not a demo account signs in with a second factor: it enrols first.
        await AccountTesting.EnrolAsync(second, await AccountTesting.EnrolmentKeyAsync(second));
        var page = $"/Reviews/Details/{id}";
        await first.GetStringAsync(page);
        var version = PageVersion(await first.GetStringAsync(page));
        Assert.Equal(version, PageVersion(await second.GetStringAsync(page)));
        var tokens = (await first.AntiforgeryTokenAsync(page), await second.AntiforgeryTokenAsync(page));

        var answers = await Task.WhenAll(
            first.PostAsync($"/Reviews/Pass/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = version, ["__RequestVerificationToken"] = tokens.Item1 })),
            second.PostAsync($"/Reviews/Reject/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = version, ["reason"] = "不符合条件", ["__RequestVerificationToken"] = tokens.Item2 })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        var conflict = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", Text(await conflict.Content.ReadAsStringAsync()));
        var decided = await LoadAsync(portal, id);
        var decisions = await portal.WithDbAsync(db => db.ReviewDecisions.Where(d => d.ApplicationId == id).ToListAsync());
        var decision = Assert.Single(decisions);
        Assert.Equal(decision.Kind == ReviewDecisionKind.Pass ? QuotaApplicationState.Passed : QuotaApplicationState.Rejected, decided.State);
        Assert.Single(await portal.WithDbAsync(db => db.AuditEntries.Where(e => e.RecordId == id
            && (e.Action == AuditAction.ApplicationPassed || e.Action == AuditAction.ApplicationRejected)).ToListAsync()));
    }

    [Fact]
    public async Task Bulk_pass_lists_the_chosen_and_passes_only_the_green_ones()
    {
        var (_, green) = await SubmittedAsync();
        var (_, alsoGreen) = await SubmittedAsync();
        var (_, scanned) = await SubmittedAsync(report: ReportText.Scanned);
        var reviewer = await portal.SignedInAsync(ThirdParty);
        var ids = new[] { green, alsoGreen, scanned };

        var confirm = await reviewer.PostFormAsync("/Reviews", "/Reviews/BulkConfirm",
            new Dictionary<string, string> { ["ids[0]"] = green.ToString(), ["ids[1]"] = alsoGreen.ToString(), ["ids[2]"] = scanned.ToString() });
        var html = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("将审核通过（2 份）", Text(html));
        Assert.Contains("无法读取报告文字，请人工核对", Text(html));
        var fields = FormValues(html, "bulk-pass-form");
        Assert.Equal(4, fields.Count);
        // A forged form naming the scanned one too: the server checks again and leaves it.
        fields["items[2].Id"] = scanned.ToString();
        fields["items[2].Version"] = (await LoadAsync(portal, scanned)).Version.ToString();
        await AssertRedirectAsync(await reviewer.PostFormAsync("/Reviews", "/Reviews/BulkPass", fields), "/Reviews");

        var states = await portal.WithDbAsync(db => db.QuotaApplications.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.State));
        Assert.Equal(QuotaApplicationState.Passed, states[green]);
        Assert.Equal(QuotaApplicationState.Passed, states[alsoGreen]);
        Assert.Equal(QuotaApplicationState.Submitted, states[scanned]);
        Assert.Equal(2, await portal.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.ApplicationPassed && ids.Contains(e.RecordId!.Value) && e.Detail == "批量审核通过")));

        // A forged row naming an application the third party may not act on (a draft, never submitted) answers 404 — for the
        // whole list, so a green one beside it is not passed either.
        var listed = await ListedEnterpriseAsync(portal);
        var draft = await (await portal.SignedInAsync(listed)).ApplyAsync(listed);
        var (_, stillGreen) = await SubmittedAsync();
        var forged = await reviewer.PostFormAsync("/Reviews", "/Reviews/BulkPass", new Dictionary<string, string>
        {
            ["items[0].Id"] = stillGreen.ToString(), ["items[0].Version"] = (await LoadAsync(portal, stillGreen)).Version.ToString(),
            ["items[1].Id"] = draft.ToString(), ["items[1].Version"] = (await LoadAsync(portal, draft)).Version.ToString(),
        });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(QuotaApplicationState.Draft, (await LoadAsync(portal, draft)).State);
        Assert.Equal(QuotaApplicationState.Submitted, (await LoadAsync(portal, stillGreen)).State);
    }

    private async Task<(Listed Listed, Guid Id)> SubmittedAsync(ReportText report = ReportText.Matching, DateOnly? deadline = null)
    {
        var listed = await ListedEnterpriseAsync(portal, report: report, deadline: deadline);
        var enterprise = await portal.SignedInAsync(listed);
        var id = await enterprise.ApplyAsync(listed);
        await enterprise.CompleteEvidenceAsync(portal, listed, id);
        await AssertRedirectAsync(await enterprise.EnterpriseActAsync(id, "Submit"), $"/Applications/Details/{id}");
        return (listed, id);
    }
}

[Collection("sqlite")]
public sealed class ApplicationPathTests_Sqlite(TableSqlitePortal portal) : ApplicationPathTests(portal), IClassFixture<TableSqlitePortal>;

[Collection("postgres")]
public sealed class ApplicationPathTests_Postgres(TablePostgresPortal portal) : ApplicationPathTests(portal), IClassFixture<TablePostgresPortal>;
