using ZhiPingQuan.Domain.Applications;
using ZhiPingQuan.Domain.Auditing;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;
using ZhiPingQuan.Domain.Redemptions;
using ZhiPingQuan.Domain.Reference;
using ZhiPingQuan.Domain.Tests.Applications;

namespace ZhiPingQuan.Domain.Tests.Redemptions;

public class RedemptionTests
{
    private static readonly DateTime Now = new(2023, 12, 20, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Money Standard = new(100_000.00m);
    private static readonly Money Cap = new(1_000_000.00m);
    private static readonly DateOnly AssessedOn = new(2023, 9, 1);
    private static readonly ServiceAgency Municipal = Make.MunicipalAgency();

    private static Redemption Pending() => Redemption.ForPassedApplication(QuotaApplicationFactory.Passed(), Standard, Municipal, AssessedOn, Now);

    private static Redemption Approved()
    {
        var r = Pending();
        r.Approve(Cap, Money.Zero, "市经信委 周九", Now);
        return r;
    }

    [Fact]
    public void A_passed_application_becomes_a_pending_redemption_at_the_standard_amount_payable_to_the_agency()
    {
        var application = QuotaApplicationFactory.Passed();

        var r = Redemption.ForPassedApplication(application, Standard, Municipal, AssessedOn, Now);

        Assert.Equal(RedemptionState.PendingApproval, r.State);
        Assert.Equal(Standard, r.Amount);
        Assert.Equal(application.Id, r.ApplicationId);
        Assert.Equal(application.AgencyId, r.AgencyId);
        Assert.Equal(application.EnterpriseId, r.EnterpriseId);
        Assert.Equal(application.ProgrammeYearId, r.ProgrammeYearId);
        Assert.Equal(application.RecommendingUnitId, r.RecommendingUnitId);
    }

    [Theory]
    [InlineData(QuotaApplicationState.Draft)]
    [InlineData(QuotaApplicationState.UnderReview)]
    [InlineData(QuotaApplicationState.Rejected)]
    [InlineData(QuotaApplicationState.Withdrawn)]
    public void Only_a_passed_application_can_be_redeemed(QuotaApplicationState state)
    {
        var application = QuotaApplicationFactory.InState(state);

        Assert.Throws<DomainException>(() => Redemption.ForPassedApplication(application, Standard, Municipal, AssessedOn, Now));
    }

    [Fact]
    public void Without_a_standard_amount_no_redemption_is_made()
    {
        Assert.Throws<DomainException>(() => Redemption.ForPassedApplication(QuotaApplicationFactory.Passed(), Money.Zero, Municipal, AssessedOn, Now));
    }

    [Fact]
    public void Approve_moves_pending_to_approved()
    {
        var r = Approved();

        Assert.Equal(RedemptionState.Approved, r.State);
        Assert.Equal("市经信委 周九", r.ApprovedBy);
        Assert.Equal(Now, r.ApprovedAtUtc);
    }

    [Fact]
    public void Approve_over_the_budget_cap_is_refused_and_stays_pending()
    {
        var r = Pending();

        var e = Assert.Throws<DomainException>(() => r.Approve(Cap, new Money(950_000.00m), "周九", Now));

        Assert.Contains("超出预算上限", e.Message);
        Assert.Equal(RedemptionState.PendingApproval, r.State);
        Assert.Null(r.ApprovedAtUtc);
    }

    [Fact]
    public void Approve_exactly_to_the_cap_is_allowed()
    {
        var r = Pending();

        r.Approve(Cap, new Money(900_000.00m), "周九", Now);

        Assert.Equal(RedemptionState.Approved, r.State);
    }

    [Fact]
    public void Decline_needs_a_reason_and_ends_the_redemption()
    {
        var r = Pending();
        Assert.Throws<DomainException>(() => r.Decline(" ", "周九", Now));
        Assert.Equal(RedemptionState.PendingApproval, r.State);

        r.Decline("企业已注销", "周九", Now);

        Assert.Equal(RedemptionState.Declined, r.State);
        Assert.Equal("企业已注销", r.DeclineReason);
        Assert.Throws<InvalidTransitionException>(() => r.Approve(null, Money.Zero, "周九", Now));
        Assert.Throws<InvalidTransitionException>(() => r.RecordPayment(new DateOnly(2023, 12, 20), "PAY-1", "财务", Now));
    }

    [Fact]
    public void An_approved_redemption_cannot_be_declined_or_approved_again()
    {
        var r = Approved();

        Assert.Throws<InvalidTransitionException>(() => r.Decline("原因", "周九", Now));
        Assert.Throws<InvalidTransitionException>(() => r.Approve(null, Money.Zero, "周九", Now));
        Assert.Equal(RedemptionState.Approved, r.State);
    }

    [Fact]
    public void Record_payment_moves_approved_to_paid()
    {
        var r = Approved();

        r.RecordPayment(new DateOnly(2023, 12, 20), "GK2023-0001", "财务处 吴十", Now);

        Assert.Equal(RedemptionState.Paid, r.State);
        Assert.Equal(new DateOnly(2023, 12, 20), r.PaidOn);
        Assert.Equal("GK2023-0001", r.PaymentReference);
        Assert.Equal("财务处 吴十", r.PaymentRecordedBy);
        Assert.Throws<InvalidTransitionException>(() => r.RecordPayment(new DateOnly(2023, 12, 20), "GK2023-0002", "吴十", Now));
    }

    [Fact]
    public void Payment_before_approval_is_refused()
    {
        var r = Pending();

        Assert.Throws<InvalidTransitionException>(() => r.RecordPayment(new DateOnly(2023, 12, 20), "GK2023-0001", "吴十", Now));
        Assert.Equal(RedemptionState.PendingApproval, r.State);
    }

    [Fact]
    public void A_payment_date_in_the_future_or_before_approval_is_refused()
    {
        var r = Approved();

        Assert.Throws<DomainException>(() => r.RecordPayment(new DateOnly(2023, 12, 21), "GK2023-0001", "吴十", Now));
        Assert.Throws<DomainException>(() => r.RecordPayment(new DateOnly(2023, 12, 19), "GK2023-0001", "吴十", Now));
        Assert.Equal(RedemptionState.Approved, r.State);
    }

    [Fact]
    public void A_payment_without_reference_is_refused()
    {
        var r = Approved();

        Assert.Throws<DomainException>(() => r.RecordPayment(new DateOnly(2023, 12, 20), "  ", "吴十", Now));
        Assert.Null(r.PaidOn);
    }

    [Fact]
    public void Approved_and_paid_count_against_the_budget()
    {
        Assert.True(RedemptionState.Approved.CountsAgainstBudget());
        Assert.True(RedemptionState.Paid.CountsAgainstBudget());
        Assert.False(RedemptionState.PendingApproval.CountsAgainstBudget());
        Assert.False(RedemptionState.Declined.CountsAgainstBudget());
        Assert.Equal("待审批", RedemptionState.PendingApproval.ToChinese());
    }
}

public class RedemptionEligibilityTests
{
    private static readonly DateTime Now = new(2023, 12, 20, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_district_level_agency_cannot_be_paid_and_the_reason_says_why()
    {
        var agency = Make.DistrictAgency(Make.Unit());

        var refusal = Assert.Throws<DomainException>(() =>
            Redemption.ForPassedApplication(QuotaApplicationFactory.Passed(), new Money(100_000m), agency, new DateOnly(2023, 9, 1), Now));

        Assert.Contains("区级服务机构，只有市级服务机构的评估才能兑付", refusal.Message);
    }

    [Fact]
    public void A_municipal_agency_outside_its_validity_on_the_assessment_date_cannot_be_paid()
    {
        var agency = Make.MunicipalAgency();

        Assert.Contains("在评估日期2022年12月1日不在有效期内", RedemptionEligibility.WhyNot(agency, new DateOnly(2022, 12, 1)));
        Assert.Null(RedemptionEligibility.WhyNot(agency, new DateOnly(2023, 9, 1)));
    }

    [Fact]
    public void Creating_approving_and_paying_raise_one_audit_line_each()
    {
        var r = Redemption.ForPassedApplication(QuotaApplicationFactory.Passed(), new Money(100_000m), Make.MunicipalAgency(), new DateOnly(2023, 9, 1), Now);
        r.Approve(null, Money.Zero, "周九", Now);
        r.RecordPayment(new DateOnly(2023, 12, 20), "BANK-001", "周九", Now);

        Assert.Equal([AuditAction.RedemptionCreated, AuditAction.RedemptionApproved, AuditAction.RedemptionPaid],
            r.PendingEvents().OfType<IAuditedEvent>().Select(e => e.Audit.Action).ToArray());
    }
}
