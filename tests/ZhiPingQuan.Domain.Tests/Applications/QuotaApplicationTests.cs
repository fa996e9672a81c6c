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
    public void A_new_application_is_a_draft_with_the_stated_values()
    {
        var a = Draft(complete: false);

        Assert.Equal(QuotaApplicationState.Draft, a.State);
        Assert.Equal("上海甲智能制造有限公司", a.EnterpriseName);
        Assert.Equal("91310110666007217T", a.CreditCode);
        Assert.Equal(2.85m, a.MaturityScore.Value);
        Assert.Equal(MaturityLevel.Three, a.MaturityLevel);
        Assert.Equal("基础级", a.SmartFactoryLevelName);
        Assert.False(a.IsRevised);
    }

    [Fact]
    public void An_enterprise_not_in_a_submitted_summary_table_cannot_apply()
    {
        var e = Assert.Throws<DomainException>(() => new QuotaApplication(
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Stated(), listedInSubmittedSummaryTable: false, Before));

        Assert.Contains("汇总表", e.Message);
    }

    [Fact]
    public void The_stated_credit_code_is_normalised()
    {
        var a = Draft(complete: false);

        a.UpdateStated(Stated() with { CreditCode = " ９１３１０１１０６６６００７２１７ｔ " });

        Assert.Equal("91310110666007217T", a.CreditCode);
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
    public void Submit_without_the_report_is_refused()
    {
        var a = Draft(complete: false);
        a.UpdateContact("张三", "13800000000", null);

        var e = Assert.Throws<DomainException>(() => a.Submit(Before, Deadline));

        Assert.Contains("评估报告", e.Message);
        Assert.Equal(QuotaApplicationState.Draft, a.State);
    }

    [Fact]
    public void Submit_without_a_contact_is_refused()
    {
        var a = Draft(complete: false);
        a.AttachReport(Guid.NewGuid());

        Assert.Throws<DomainException>(() => a.Submit(Before, Deadline));
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
        Assert.Throws<InvalidTransitionException>(() => a.AttachReport(Guid.NewGuid()));
        Assert.Throws<InvalidTransitionException>(() => a.AddEvidence(EvidenceKind.Other, "其他", Guid.NewGuid(), null, Before));
        Assert.Throws<InvalidTransitionException>(() => a.RemoveEvidence(a.Evidence[0].Id));
        Assert.Equal("张三", a.ContactPerson);
        Assert.Single(a.Evidence);
    }

    [Fact]
    public void A_returned_application_can_be_edited()
    {
        var a = Returned();

        a.UpdateContact("李四", "13900000000", null);

        Assert.Equal("李四", a.ContactPerson);
        Assert.Null(a.ContactEmail);
    }

    [Theory]
    [InlineData("", "13800000000", null)]
    [InlineData("张三", "", null)]
    [InlineData("张三", "无", null)]
    [InlineData("张三", "13800000000", "not-an-email")]
    [InlineData("张三", "13800000000", "@example.cn")]
    public void Invalid_contact_details_are_refused(string person, string phone, string? email)
    {
        var a = Draft(complete: false);

        Assert.Throws<DomainException>(() => a.UpdateContact(person, phone, email));
        Assert.Equal(string.Empty, a.ContactPerson);
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

        Assert.Throws<DomainException>(() => a.AddEvidence(EvidenceKind.MajorProjectApproval, "立项批文", Guid.NewGuid(),
            new ContractDetails(30m, KeyLink.Design, new DateOnly(2023, 1, 1)), Before));

        var item = a.AddEvidence(EvidenceKind.SmartFactoryApproval, "智能工厂批文", Guid.NewGuid(), null, Before);
        Assert.Null(item.Contract);
    }

    [Fact]
    public void Evidence_replacement_keeps_the_previous_version()
    {
        var a = Returned();
        var item = a.Evidence[0];
        var oldFile = item.FileId;
        var newFile = Guid.NewGuid();
        var at = Before.AddDays(1);

        a.ReplaceEvidenceFile(item.Id, newFile, at);

        Assert.Equal(newFile, item.FileId);
        Assert.Equal(oldFile, item.PreviousFileId);
        Assert.Equal(at, item.ReplacedAtUtc);
        Assert.Single(a.Evidence);
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
        Assert.Empty(a.Evidence);
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
        Assert.Throws<InvalidTransitionException>(() => a.ReturnForSupplement([new SupplementItemInput("合同", "不清晰")], Deadline, Reviewer, Before));
        Assert.Equal(from, a.State);
    }

    [Fact]
    public void Return_for_supplement_records_the_reasons_per_item_and_the_due_date()
    {
        var a = UnderReview();
        var contract = a.Evidence[0];
        var due = new DateOnly(2023, 11, 20);

        var d = a.ReturnForSupplement(
        [
            new SupplementItemInput("MES系统采购合同", "缺少盖章页", contract.Id),
            new SupplementItemInput("联系电话", "无法接通"),
        ], due, Reviewer, Before);

        Assert.Equal(QuotaApplicationState.ReturnedForSupplement, a.State);
        var request = Assert.Single(a.SupplementRequests);
        Assert.Equal(due, request.DueDate);
        Assert.Equal(Reviewer, request.RequestedBy);
        Assert.Equal(["MES系统采购合同", "联系电话"], request.Items.Select(i => i.Subject));
        Assert.Equal(contract.Id, request.Items[0].EvidenceItemId);
        Assert.Equal("无法接通", request.Items[1].Reason);
        Assert.Equal(ReviewDecisionKind.ReturnForSupplement, d.Kind);
        Assert.Equal(request.Id, d.SupplementRequestId);
        Assert.Contains("缺少盖章页", d.Reason);
        Assert.Equal(1, a.ReturnCount);
    }

    [Fact]
    public void Return_without_items_is_refused()
    {
        var a = UnderReview();

        Assert.Throws<DomainException>(() => a.ReturnForSupplement([], Deadline, Reviewer, Before));
        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
        Assert.Empty(a.SupplementRequests);
    }

    [Fact]
    public void A_return_item_without_a_reason_is_refused()
    {
        var a = UnderReview();

        Assert.Throws<DomainException>(() => a.ReturnForSupplement([new SupplementItemInput("合同", " ")], Deadline, Reviewer, Before));
        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
    }

    [Fact]
    public void A_return_due_date_in_the_past_is_refused()
    {
        var a = UnderReview();

        Assert.Throws<DomainException>(() => a.ReturnForSupplement([new SupplementItemInput("合同", "不清晰")], new DateOnly(2023, 11, 9), Reviewer, Before));
        Assert.Equal(QuotaApplicationState.UnderReview, a.State);
    }

    [Fact]
    public void A_return_about_an_unknown_evidence_item_is_refused()
    {
        var a = UnderReview();

        Assert.Throws<DomainException>(() => a.ReturnForSupplement([new SupplementItemInput("合同", "不清晰", Guid.NewGuid())], Deadline, Reviewer, Before));
        Assert.Empty(a.SupplementRequests);
    }

    // ---- resubmit ----

    [Fact]
    public void Resubmit_records_what_changed_and_marks_the_application_revised()
    {
        var a = Returned();
        var at = Before.AddDays(2);

        a.Resubmit(["更新了联系电话", "  ", "补充了合同盖章页"], at);

        Assert.Equal(QuotaApplicationState.Resubmitted, a.State);
        Assert.True(a.IsRevised);
        Assert.Equal(at, a.LastSubmittedAtUtc);
        Assert.Equal(Before, a.SubmittedAtUtc);
        var request = Assert.Single(a.SupplementRequests);
        Assert.Equal(["更新了联系电话", "补充了合同盖章页"], request.Changes);
        Assert.Equal(at, request.ResubmittedAtUtc);
        Assert.Null(a.OpenSupplementRequest);
    }

    [Fact]
    public void Resubmit_without_saying_what_changed_is_refused()
    {
        var a = Returned();

        Assert.Throws<DomainException>(() => a.Resubmit([" "], Before));
        Assert.Equal(QuotaApplicationState.ReturnedForSupplement, a.State);
        Assert.False(a.IsRevised);
    }

    [Fact]
    public void Resubmit_goes_by_the_return_due_date_not_the_batch_deadline()
    {
        var a = Returned(due: new DateOnly(2023, 11, 20));

        a.Resubmit(["补充了材料"], new DateTime(2023, 11, 20, 15, 59, 59, DateTimeKind.Utc));

        Assert.Equal(QuotaApplicationState.Resubmitted, a.State);
    }

    [Fact]
    public void Resubmit_after_the_return_due_date_is_refused()
    {
        var a = Returned(due: new DateOnly(2023, 11, 20));

        var e = Assert.Throws<DomainException>(() => a.Resubmit(["补充了材料"], new DateTime(2023, 11, 20, 16, 0, 0, DateTimeKind.Utc)));

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

        Assert.Throws<InvalidTransitionException>(() => a.Resubmit(["改了"], Before));
        Assert.Equal(from, a.State);
    }

    [Fact]
    public void An_application_can_be_returned_more_than_once_and_is_then_no_first_pass()
    {
        var a = Resubmitted();
        a.StartReview();
        a.ReturnForSupplement([new SupplementItemInput("合同", "金额不清")], new DateOnly(2023, 11, 25), Reviewer, Before);
        a.Resubmit(["重新上传合同"], Before);
        a.StartReview();

        a.Pass(Reviewer, Before);

        Assert.Equal(QuotaApplicationState.Passed, a.State);
        Assert.Equal(2, a.ReturnCount);
        Assert.Equal([1, 2], a.SupplementRequests.Select(r => r.SequenceNo));
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
    public void States_have_Chinese_names()
    {
        Assert.All(Enum.GetValues<QuotaApplicationState>(), s => Assert.NotEqual(s.ToString(), s.ToChinese()));
        Assert.Equal("退回补正", QuotaApplicationState.ReturnedForSupplement.ToChinese());
        Assert.Equal("改造升级/购置合同", EvidenceKind.UpgradeContract.ToChinese());
        Assert.True(KeyLink.EnergySavingEnvironmental.IsKeyLink());
        Assert.False(KeyLink.OfficeAutomation.IsKeyLink());
        Assert.Equal("OA", KeyLink.OfficeAutomation.ToChinese());
    }
}
