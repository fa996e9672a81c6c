using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Reviews;
using static ZhiPingQuan.Domain.Tests.Applications.QuotaApplicationFactory;
using ZhiPingQuan.Domain.Recommendations;

namespace ZhiPingQuan.Domain.Tests.Applications;

public class QuotaApplicationTests
{
    // ---- creation ----

    [Fact]
    public void A_new_application_is_a_draft_with_the_stated_values_the_report_and_the_bases()
    {
        var origin = Origin();
        var a = new QuotaApplication(origin, Stated(), listedInSubmittedSummaryTable: true, Before);

        Assert.Equal(QuotaApplicationState.Draft, a.State);
        Assert.Equal("上海甲智能制造有限公司", a.EnterpriseName);
        Assert.Equal("91310110666007217T", a.CreditCode);
        Assert.Equal(2.85m, a.MaturityScore.Value);
        Assert.Equal(MaturityLevel.Three, a.MaturityLevel);
        Assert.Equal("基础级", a.SmartFactoryLevelName);
        Assert.Equal(origin.ReportFileId, a.ReportFileId);
        Assert.Equal(Bases, a.Bases);
        Assert.False(a.IsRevised);
        Assert.IsType<ApplicationDrafted>(Assert.Single(a.PendingEvents()));
    }

    [Fact]
    public void An_enterprise_not_in_a_submitted_summary_table_cannot_apply()
    {
        var e = Assert.Throws<DomainException>(() => new QuotaApplication(Origin(), Stated(), listedInSubmittedSummaryTable: false, Before));

        Assert.Contains("汇总表", e.Message);
    }

    [Fact]
    public void An_assessment_without_a_report_cannot_be_applied_with()
    {
        var e = Assert.Throws<DomainException>(() => new QuotaApplication(Origin() with { ReportFileId = Guid.Empty }, Stated(), true, Before));

        Assert.Contains("评估报告", e.Message);
    }

    [Fact]
    public void The_stated_credit_code_is_normalised()
    {
        var a = Draft(complete: false);

        a.UpdateStated(Stated() with { CreditCode = " ９１３１０１１０６６６００７２１７ｔ " });

        Assert.Equal("91310110666007217T", a.CreditCode);
    }

    // ---- the checklist ----

    [Fact]
    public void The_checklist_follows_the_bases_and_other_material_is_never_required()
    {
        var a = new QuotaApplication(Origin(RecommendationBasis.SmartTransformation, RecommendationBasis.MajorProject, RecommendationBasis.Voluntary),
            Stated(), true, Before);

        Assert.Equal(
            [(EvidenceKind.UpgradeContract, true), (EvidenceKind.MajorProjectApproval, true), (EvidenceKind.Other, false)],
            a.Checklist.Select(c => (c.Kind, c.Required)));
        Assert.Equal(["联系人", "联系电话", "电子邮箱", "改造升级/购置合同（推荐依据1 智能化改造）", "重大项目立项合同或批文（推荐依据2 重大产业项目）"],
            a.MissingForSubmission());
    }

    [Fact]
    public void Voluntary_assessment_alone_needs_no_evidence()
    {
        var a = new QuotaApplication(Origin(RecommendationBasis.Voluntary), Stated(), true, Before);
        a.UpdateContact("张三", "13800000000", "zhangsan@example.cn");

        a.Submit(Before, Deadline);

        Assert.Equal(QuotaApplicationState.Submitted, a.State);
    }

    [Fact]
    public void Material_of_a_kind_the_bases_do_not_call_for_is_refused()
    {
        var a = Draft(complete: false);

        var e = Assert.Throws<DomainException>(() => a.AddEvidence(EvidenceKind.MajorProjectApproval, "立项批文", Guid.NewGuid(), null, Before));

        Assert.Contains("重大项目立项合同或批文", e.Message);
        Assert.Empty(a.Evidence);
    }

    // ---- submit ----

    [Fact]
    public void Submit_moves_draft_to_submitted()
    {
        var a = Draft();

        a.Submit(Before, Deadline);

        Assert.Equal(QuotaApplicationState.Submitted, a.State);
        Assert.Equal(Before, a.SubmittedAtUtc);
        Assert.Equal(Before, a.LastSubmittedAtUtc);
        Assert.Contains(a.PendingEvents(), e => e is ApplicationSubmitted);
    }

    [Fact]
    public void Submit_on_the_deadline_day_is_allowed()
    {
        var a = Draft();

        a.Submit(LastSecond, Deadline);

        Assert.Equal(QuotaApplicationState.Submitted, a.State);
    }

    [Fact]
    public void Submit_after_deadline_is_refused()
    {
        var a = Draft();

        var e = Assert.Throws<DomainException>(() => a.Submit(TooLate, Deadline));

        Assert.Contains("2023年11月15日", e.Message);
        Assert.Equal(QuotaApplicationState.Draft, a.State);
        Assert.Null(a.SubmittedAtUtc);
    }

    [Fact]
    public void Submit_with_the_checklist_incomplete_is_refused_naming_what_is_missing()
    {
        var a = Draft(complete: false);
        a.UpdateContact("张三", "13800000000", null);
        a.AddEvidence(EvidenceKind.UpgradeContract, "MES系统采购合同", Guid.NewGuid(), Contract(), Before);

        var e = Assert.Throws<DomainException>(() => a.Submit(Before, Deadline));

        Assert.Equal("提交前还需填写或上传：电子邮箱、各级智能工厂或示范应用场景批文（推荐依据3 智能工厂或示范场景）。", e.Message);
        Assert.Equal(QuotaApplicationState.Draft, a.State);
    }

    [Theory]
    [InlineData(QuotaApplicationState.Submitted)]
    [InlineData(QuotaApplicationState.UnderReview)]
    [InlineData(QuotaApplicationState.ReturnedForSupplement)]
    [InlineData(QuotaApplicationState.Passed)]
    [InlineData(QuotaApplicationState.Withdrawn)]
    public void Submit_is_only_for_drafts(QuotaApplicationState state)
    {
        var a = InState(state);

        Assert.Throws<InvalidTransitionException>(() => a.Submit(Before, Deadline));
        Assert.Equal(state, a.State);
    }

    // ---- editing ----

    [Fact]
    public void A_submitted_application_cannot_be_edited()
    {
        var a = Submitted();

        Assert.Throws<InvalidTransitionException>(() => a.UpdateContact("李四", "13900000000", null));
        Assert.Throws<InvalidTransitionException>(() => a.AddEvidence(EvidenceKind.Other, "其他", Guid.NewGuid(), null, Before));
        Assert.Throws<InvalidTransitionException>(() => a.RemoveEvidence(a.Evidence[0].Id));
        Assert.Equal("张三", a.ContactPerson);
        Assert.Equal(2, a.Evidence.Count);
    }

    [Fact]
    public void A_draft_may_leave_the_contact_blank_but_not_break_the_contact_rules()
    {
        var a = Draft(complete: false);

        a.UpdateContact("张三", null, " ");
        Assert.Equal(("张三", "", null), (a.ContactPerson, a.ContactPhone, a.ContactEmail));

        Assert.Throws<DomainException>(() => a.UpdateContact("张三", "无", null));
        Assert.Throws<DomainException>(() => a.UpdateContact("张三", "13800000000", "not-an-email"));
        Assert.Throws<DomainException>(() => a.UpdateContact(new string('张', 51), "13800000000", null));
        Assert.Equal("", a.ContactPhone);
    }

    [Fact]
    public void Saving_unchanged_values_changes_nothing_and_records_nothing()
    {
        var a = Draft();
        a.TakeEvents();

        a.UpdateContact("张三", "13800000000", "zhangsan@example.cn");
        a.UpdateStated(Stated());
        a.UpdateEvidence(a.Evidence[0].Id, "MES系统采购合同", Contract());

        Assert.Empty(a.PendingEvents());
    }

    // ---- evidence ----

    [Fact]
    public void An_upgrade_contract_needs_amount_link_and_date()
    {
        var a = Draft(complete: false);

        var e = Assert.Throws<DomainException>(() => a.AddEvidence(EvidenceKind.UpgradeContract, "合同", Guid.NewGuid(), null, Before));

        Assert.Contains("合同金额", e.Message);
        Assert.Empty(a.Evidence);
    }

    [Fact]
    public void An_upgrade_contract_keeps_its_particulars()
    {
        var a = Draft(complete: false);

        var item = a.AddEvidence(EvidenceKind.UpgradeContract, "合同", Guid.NewGuid(),
            new ContractDetails(20.01m, KeyLink.Warehousing, new DateOnly(2023, 5, 6)), Before);

        Assert.Equal(new ContractDetails(20.01m, KeyLink.Warehousing, new DateOnly(2023, 5, 6)), item.Contract);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("20.005")]
    public void An_invalid_contract_amount_is_refused(string amount)
    {
        var a = Draft(complete: false);

        Assert.Throws<DomainException>(() => a.AddEvidence(EvidenceKind.UpgradeContract, "合同", Guid.NewGuid(),
            new ContractDetails(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), KeyLink.Design, new DateOnly(2023, 1, 1)), Before));
        Assert.Empty(a.Evidence);
    }

    [Fact]
    public void Other_evidence_kinds_take_no_contract_particulars()
    {
        var a = Draft(complete: false);

        Assert.Throws<DomainException>(() => a.AddEvidence(EvidenceKind.SmartFactoryApproval, "智能工厂批文", Guid.NewGuid(),
            new ContractDetails(30m, KeyLink.Design, new DateOnly(2023, 1, 1)), Before));

        var item = a.AddEvidence(EvidenceKind.SmartFactoryApproval, "智能工厂批文", Guid.NewGuid(), null, Before);
        Assert.Null(item.Contract);
    }

    [Fact]
    public void Evidence_replacement_keeps_the_previous_version()
    {
        var a = Draft();
        var item = a.Evidence[0];
        var oldFile = item.FileId;
        var newFile = Guid.NewGuid();
        var at = Before.AddDays(1);

        a.ReplaceEvidenceFile(item.Id, newFile, at);

        Assert.Equal(newFile, item.FileId);
        Assert.Equal(oldFile, item.PreviousFileId);
        Assert.Equal(at, item.ReplacedAtUtc);
        Assert.Equal(2, a.Evidence.Count);
        var replaced = Assert.IsType<EvidenceChanged>(a.PendingEvents().Last());
        Assert.Equal((EvidenceChange.FileReplaced, oldFile, newFile), (replaced.Change, replaced.OldFileId, replaced.NewFileId));
    }

    [Fact]
    public void Replacing_evidence_with_the_same_file_is_refused()
    {
        var a = Draft();
        var item = a.Evidence[0];

        Assert.Throws<DomainException>(() => a.ReplaceEvidenceFile(item.Id, item.FileId, Before));
        Assert.Null(item.PreviousFileId);
    }

    [Fact]
    public void Evidence_can_be_updated_and_removed_while_editable()
    {
        var a = Draft();
        var item = a.Evidence[0];

        a.UpdateEvidence(item.Id, "MES合同（补充协议）", new ContractDetails(40m, KeyLink.Manufacturing, new DateOnly(2023, 6, 1)));
        Assert.Equal("MES合同（补充协议）", item.Title);
        Assert.Equal(40m, item.ContractAmountWan);

        a.RemoveEvidence(item.Id);
        Assert.Single(a.Evidence);
        Assert.Throws<DomainException>(() => a.RemoveEvidence(item.Id));
    }

    // ---- review ----

    [Theory]
    [InlineData(QuotaApplicationState.Submitted)]
    [InlineData(QuotaApplicationState.Resubmitted)]
    public void Start_review_moves_submitted_or_resubmitted_to_under_review(QuotaApplicationState from)
    {
        var a = InState(from);

        a.StartReview();

        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
    }

    [Theory]
    [InlineData(QuotaApplicationState.Draft)]
    [InlineData(QuotaApplicationState.UnderReview)]
    [InlineData(QuotaApplicationState.ReturnedForSupplement)]
    [InlineData(QuotaApplicationState.Passed)]
    [InlineData(QuotaApplicationState.Withdrawn)]
    public void Start_review_is_refused_from_other_states(QuotaApplicationState from)
    {
        var a = InState(from);

        Assert.Throws<InvalidTransitionException>(a.StartReview);
        Assert.Equal(from, a.State);
    }

    [Fact]
    public void Pass_moves_under_review_to_passed_and_records_the_decision()
    {
        var a = UnderReview();

        var d = a.Pass(Reviewer, Before.AddDays(1));

        Assert.Equal(QuotaApplicationState.Passed, a.State);
        Assert.Equal(Before.AddDays(1), a.DecidedAtUtc);
        Assert.Equal(ReviewDecisionKind.Pass, d.Kind);
        Assert.Equal(a.Id, d.ApplicationId);
        Assert.Equal(Reviewer, d.Reviewer);
        Assert.True(a.IsFirstPass);
    }

    [Fact]
    public void Reject_moves_under_review_to_rejected_with_the_reason()
    {
        var a = UnderReview();

        var d = a.Reject("评估机构不是市级服务机构", Reviewer, Before);

        Assert.Equal(QuotaApplicationState.Rejected, a.State);
        Assert.Equal(ReviewDecisionKind.Reject, d.Kind);
        Assert.Equal("评估机构不是市级服务机构", d.Reason);
    }

    [Fact]
    public void Reject_without_a_reason_is_refused()
    {
        var a = UnderReview();

        Assert.Throws<DomainException>(() => a.Reject(" ", Reviewer, Before));
        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
    }

    [Theory]
    [InlineData(QuotaApplicationState.Submitted)]
    [InlineData(QuotaApplicationState.ReturnedForSupplement)]
    [InlineData(QuotaApplicationState.Resubmitted)]
    [InlineData(QuotaApplicationState.Passed)]
    [InlineData(QuotaApplicationState.Rejected)]
    public void Decisions_need_an_application_under_review(QuotaApplicationState from)
    {
        var a = InState(from);

        Assert.Throws<InvalidTransitionException>(() => a.Pass(Reviewer, Before));
        Assert.Throws<InvalidTransitionException>(() => a.Reject("原因", Reviewer, Before));
        Assert.Throws<InvalidTransitionException>(() =>
            a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "不清晰")], Deadline, Extended, Reviewer, Before));
        Assert.Equal(from, a.State);
    }

    [Fact]
    public void Return_for_supplement_records_the_reasons_per_item_the_due_date_and_what_was_returned()
    {
        var a = UnderReview();
        var contract = a.Evidence[0];
        var due = new DateOnly(2023, 11, 20);

        var d = a.ReturnForSupplement(
        [
            new SupplementItemInput(SupplementTarget.Evidence, "缺少盖章页", contract.Id),
            new SupplementItemInput(SupplementTarget.Contact, "无法接通"),
        ], due, Extended, Reviewer, Before);

        Assert.Equal(QuotaApplicationState.ReturnedForSupplement, a.State);
        var request = Assert.Single(a.SupplementRequests);
        Assert.Equal(due, request.DueDate);
        Assert.Equal(Reviewer, request.RequestedBy);
        Assert.Equal(["改造升级/购置合同：MES系统采购合同", "联系人信息"], request.Items.Select(i => i.Subject));
        Assert.Equal(contract.Id, request.Items[0].EvidenceItemId);
        Assert.Equal("无法接通", request.Items[1].Reason);
        Assert.Empty(ApplicationContent.Compare(request.ReturnedContent(), a.Content));
        Assert.Equal(a.Evidence.Select(e => e.FileId), request.ReturnedContent().Evidence.Select(e => e.FileId));
        Assert.Equal(ReviewDecisionKind.ReturnForSupplement, d.Kind);
        Assert.Equal(request.Id, d.SupplementRequestId);
        Assert.Contains("缺少盖章页", d.Reason);
        Assert.Equal(1, a.ReturnCount);
    }

    [Fact]
    public void Return_without_items_is_refused()
    {
        var a = UnderReview();

        Assert.Throws<DomainException>(() => a.ReturnForSupplement([], Deadline, Extended, Reviewer, Before));
        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
        Assert.Empty(a.SupplementRequests);
    }

    [Fact]
    public void A_return_item_without_a_reason_is_refused()
    {
        var a = UnderReview();

        var e = Assert.Throws<DomainException>(() => a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, " ")], Deadline, Extended, Reviewer, Before));
        Assert.Contains("联系人信息", e.Message);
        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
    }

    [Theory]
    [InlineData(2023, 11, 9, "不能早于今天")]
    [InlineData(2023, 11, 26, "最长15天")]
    [InlineData(2023, 11, 25, null)]
    public void A_return_due_date_runs_from_today_to_at_most_fifteen_days(int y, int m, int day, string? refusal)
    {
        var a = UnderReview();
        var due = new DateOnly(y, m, day);

        if (refusal is null)
        {
            a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "不清晰")], due, Extended, Reviewer, Before);
            Assert.Equal(due, a.OpenSupplementRequest!.DueDate);
            return;
        }
        var e = Assert.Throws<DomainException>(() => a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "不清晰")], due, Extended, Reviewer, Before));
        Assert.Contains(refusal, e.Message);
        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
    }

    [Fact]
    public void A_return_due_date_never_runs_past_the_batch_deadline()
    {
        var a = UnderReview();

        var e = Assert.Throws<DomainException>(() =>
            a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "不清晰")], new DateOnly(2023, 11, 16), Deadline, Reviewer, Before));

        Assert.Contains("不能晚于本批次截止日期（2023年11月15日，含延期）", e.Message);
        Assert.Equal(new DateOnly(2023, 11, 15), QuotaApplication.LatestDueDate(new DateOnly(2023, 11, 10), Deadline));
        Assert.Equal(new DateOnly(2023, 11, 25), QuotaApplication.LatestDueDate(new DateOnly(2023, 11, 10), Extended));
    }

    [Fact]
    public void After_the_batch_deadline_a_return_is_refused_with_what_to_do_instead()
    {
        var a = UnderReview();
        var late = new DateTime(2023, 11, 20, 2, 0, 0, DateTimeKind.Utc);

        var e = Assert.Throws<DomainException>(() =>
            a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Contact, "不清晰")], new DateOnly(2023, 11, 25), Deadline, Reviewer, late));

        Assert.Contains("请审核通过或不通过", e.Message);
    }

    [Fact]
    public void A_return_about_an_unknown_evidence_item_or_a_kind_outside_the_checklist_is_refused()
    {
        var a = UnderReview();

        Assert.Throws<DomainException>(() => a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.Evidence, "不清晰", Guid.NewGuid())], Deadline, Extended, Reviewer, Before));
        Assert.Throws<DomainException>(() => a.ReturnForSupplement(
            [new SupplementItemInput(SupplementTarget.MissingEvidence, "补充", EvidenceKind: EvidenceKind.MajorProjectApproval)], Deadline, Extended, Reviewer, Before));
        Assert.Throws<DomainException>(() => a.ReturnForSupplement(
            [new SupplementItemInput(SupplementTarget.Contact, "一"), new SupplementItemInput(SupplementTarget.Contact, "二")], Deadline, Extended, Reviewer, Before));
        Assert.Empty(a.SupplementRequests);
    }

    // ---- after a return: only the named items change ----

    [Fact]
    public void After_a_return_only_the_named_items_may_change()
    {
        var a = UnderReview();
        var contract = a.Evidence[0];
        var approval = a.Evidence[1];
        a.ReturnForSupplement(
        [
            new SupplementItemInput(SupplementTarget.Evidence, "合同缺少盖章页", contract.Id),
            new SupplementItemInput(SupplementTarget.MissingEvidence, "请补充验收报告", EvidenceKind: EvidenceKind.Other),
        ], new DateOnly(2023, 11, 20), Extended, Reviewer, Before);

        var contact = Assert.Throws<DomainException>(() => a.UpdateContact("李四", "13800000000", "zhangsan@example.cn"));
        Assert.Contains("“联系人信息”不在本次补正要求中", contact.Message);
        Assert.Throws<DomainException>(() => a.UpdateStated(Stated() with { SmartFactoryLevelName = "先进级" }));
        Assert.Throws<DomainException>(() => a.ReplaceEvidenceFile(approval.Id, Guid.NewGuid(), Before));
        Assert.Throws<DomainException>(() => a.RemoveEvidence(approval.Id));
        Assert.Throws<DomainException>(() => a.AddEvidence(EvidenceKind.UpgradeContract, "另一份合同", Guid.NewGuid(), Contract(), Before));
        Assert.Equal("张三", a.ContactPerson);

        a.ReplaceEvidenceFile(contract.Id, Guid.NewGuid(), Before);
        a.AddEvidence(EvidenceKind.Other, "验收报告", Guid.NewGuid(), null, Before);
        a.UpdateContact("张三", "13800000000", "zhangsan@example.cn"); // unchanged: allowed, nothing happens
        Assert.Equal(3, a.Evidence.Count);
    }

    // ---- resubmit ----

    [Fact]
    public void Resubmit_works_out_what_changed_and_marks_the_application_revised()
    {
        var a = UnderReview();
        var contract = a.Evidence[0];
        var oldFile = contract.FileId;
        a.ReturnForSupplement(
        [
            new SupplementItemInput(SupplementTarget.Evidence, "合同缺少盖章页", contract.Id),
            new SupplementItemInput(SupplementTarget.Contact, "电话无法接通"),
        ], new DateOnly(2023, 11, 20), Extended, Reviewer, Before);
        var newFile = Guid.NewGuid();
        var at = Before.AddDays(2);
        a.ReplaceEvidenceFile(contract.Id, newFile, at);
        a.UpdateContact("张三", "021-6000 1234", "zhangsan@example.cn");

        a.Resubmit("  已补充盖章页并更新电话 ", at);

        Assert.Equal(QuotaApplicationState.Resubmitted, a.State);
        Assert.True(a.IsRevised);
        Assert.Equal(at, a.LastSubmittedAtUtc);
        Assert.Equal(Before, a.SubmittedAtUtc);
        var request = Assert.Single(a.SupplementRequests);
        Assert.Equal("已补充盖章页并更新电话", request.Note);
        Assert.Equal(at, request.ResubmittedAtUtc);
        Assert.Null(a.OpenSupplementRequest);
        Assert.Collection(request.Changes,
            c => Assert.Equal((ContentChangeKind.FieldChanged, "联系电话", "13800000000", "021-6000 1234"), (c.Kind, c.Subject, c.Before, c.After)),
            c => Assert.Equal((ContentChangeKind.FileReplaced, "改造升级/购置合同：MES系统采购合同", oldFile, newFile), (c.Kind, c.Subject, c.OldFileId!.Value, c.NewFileId!.Value)));
        var resubmitted = Assert.IsType<ApplicationResubmitted>(a.PendingEvents().Last());
        Assert.Equal(2, resubmitted.ChangeCount);
    }

    [Fact]
    public void Resubmit_with_nothing_changed_is_refused()
    {
        var a = Returned();

        var e = Assert.Throws<DomainException>(() => a.Resubmit("已修改", Before));

        Assert.Contains("尚未修改任何需要补正的内容", e.Message);
        Assert.Equal(QuotaApplicationState.ReturnedForSupplement, a.State);
        Assert.False(a.IsRevised);
    }

    [Fact]
    public void Resubmit_goes_by_the_return_due_date_not_the_batch_deadline()
    {
        var a = Returned(due: new DateOnly(2023, 11, 20));
        a.UpdateContact("张三", "021-6000 1234", "zhangsan@example.cn");

        a.Resubmit(null, new DateTime(2023, 11, 20, 15, 59, 59, DateTimeKind.Utc));

        Assert.Equal(QuotaApplicationState.Resubmitted, a.State);
    }

    [Fact]
    public void Resubmit_after_the_return_due_date_is_refused()
    {
        var a = Returned(due: new DateOnly(2023, 11, 20));
        a.UpdateContact("张三", "021-6000 1234", "zhangsan@example.cn");

        var e = Assert.Throws<DomainException>(() => a.Resubmit(null, new DateTime(2023, 11, 20, 16, 0, 0, DateTimeKind.Utc)));

        Assert.Contains("2023年11月20日", e.Message);
        Assert.Equal(QuotaApplicationState.ReturnedForSupplement, a.State);
    }

    [Theory]
    [InlineData(QuotaApplicationState.Draft)]
    [InlineData(QuotaApplicationState.Submitted)]
    [InlineData(QuotaApplicationState.UnderReview)]
    [InlineData(QuotaApplicationState.Resubmitted)]
    public void Resubmit_needs_a_returned_application(QuotaApplicationState from)
    {
        var a = InState(from);

        Assert.Throws<InvalidTransitionException>(() => a.Resubmit("改了", Before));
        Assert.Equal(from, a.State);
    }

    [Fact]
    public void An_application_can_be_returned_more_than_once_and_is_then_no_first_pass()
    {
        var a = Resubmitted();
        a.StartReview();
        a.ReturnForSupplement([new SupplementItemInput(SupplementTarget.StatedValues, "智能工厂等级与评估报告不一致")], new DateOnly(2023, 11, 25), Extended, Reviewer, Before);
        a.UpdateStated(Stated() with { SmartFactoryLevelName = "先进级" });
        a.Resubmit(null, Before);
        a.StartReview();

        a.Pass(Reviewer, Before);

        Assert.Equal(QuotaApplicationState.Passed, a.State);
        Assert.Equal(2, a.ReturnCount);
        Assert.Equal([1, 2], a.SupplementRequests.Select(r => r.SequenceNo));
        Assert.Equal(("智能工厂等级", "基础级", "先进级"), (a.SupplementRequests[1].Changes[0].Subject, a.SupplementRequests[1].Changes[0].Before, a.SupplementRequests[1].Changes[0].After));
        Assert.False(a.IsFirstPass);
    }

    // ---- withdraw ----

    [Theory]
    [InlineData(QuotaApplicationState.Draft)]
    [InlineData(QuotaApplicationState.Submitted)]
    [InlineData(QuotaApplicationState.UnderReview)]
    [InlineData(QuotaApplicationState.ReturnedForSupplement)]
    [InlineData(QuotaApplicationState.Resubmitted)]
    public void The_enterprise_can_withdraw_before_a_decision(QuotaApplicationState from)
    {
        var a = InState(from);

        a.Withdraw("不再申请", Before.AddDays(1));

        Assert.Equal(QuotaApplicationState.Withdrawn, a.State);
        Assert.Equal(Before.AddDays(1), a.WithdrawnAtUtc);
        Assert.Equal("不再申请", a.WithdrawReason);
        Assert.False(QuotaApplicationRules.Active.IsSatisfiedBy(a));
    }

    [Theory]
    [InlineData(QuotaApplicationState.Passed)]
    [InlineData(QuotaApplicationState.Rejected)]
    [InlineData(QuotaApplicationState.Withdrawn)]
    public void Withdraw_after_a_decision_is_refused(QuotaApplicationState from)
    {
        var a = InState(from);

        var e = Assert.Throws<InvalidTransitionException>(() => a.Withdraw(null, Before));

        Assert.Equal(from.ToChinese(), e.From);
        Assert.Equal(from, a.State);
    }

    [Fact]
    public void The_named_states_agree_with_the_states()
    {
        Assert.True(QuotaApplicationRules.AwaitingReview.IsSatisfiedBy(Submitted()));
        Assert.True(QuotaApplicationRules.AwaitingReview.IsSatisfiedBy(Resubmitted()));
        Assert.True(QuotaApplicationRules.WithThirdParty.IsSatisfiedBy(UnderReview()));
        Assert.False(QuotaApplicationRules.EverSubmitted.IsSatisfiedBy(Draft()));
        Assert.True(QuotaApplicationRules.EverSubmitted.IsSatisfiedBy(Withdrawn()));
        Assert.True(QuotaApplicationRules.Active.IsSatisfiedBy(Rejected()));
        Assert.True(QuotaApplicationRules.AwaitingSupplement.IsSatisfiedBy(Returned()));
    }

    [Fact]
    public void States_have_Chinese_names()
    {
        Assert.All(Enum.GetValues<QuotaApplicationState>(), s => Assert.NotEqual(s.ToString(), s.ToChinese()));
        Assert.Equal("退回补正", QuotaApplicationState.ReturnedForSupplement.ToChinese());
        Assert.Equal("改造升级/购置合同", EvidenceKind.UpgradeContract.ToChinese());
        Assert.Equal("其他佐证材料", EvidenceKind.Other.ToChinese());
        Assert.True(KeyLink.EnergySavingEnvironmental.IsKeyLink());
        Assert.False(KeyLink.OfficeAutomation.IsKeyLink());
        Assert.Equal("OA", KeyLink.OfficeAutomation.ToChinese());
    }
}
