using System.Linq.Expressions;
using ZhiPingQuan.Domain.Common;
using ZhiPingQuan.Domain.Organisations;
using ZhiPingQuan.Domain.Recommendations;
using ZhiPingQuan.Domain.Tests.LifecycleSupport;

namespace ZhiPingQuan.Domain.Tests.Common;

/// <summary>
/// A rule is written once: a rule that asks another, a rule of a record's state, and a query's projection that asks a
/// rule all end as one expression the database can read — no call to <c>IsSatisfiedBy</c> is left in it.
/// </summary>
public class QueryRuleTests
{
    private sealed class CallsToRules : ExpressionVisitor
    {
        public int Count { get; private set; }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.Name == "IsSatisfiedBy")
            {
                Count++;
            }
            return base.VisitMethodCall(node);
        }
    }

    private static int RuleCalls(Expression e)
    {
        var visitor = new CallsToRules();
        visitor.Visit(e);
        return visitor.Count;
    }

    [Fact]
    public void A_rule_that_asks_another_holds_its_expression_and_decides_the_same()
    {
        var unit = Make.Unit();
        var municipal = Make.MunicipalAgency();
        var district = Make.DistrictAgency(unit);
        var day = new DateOnly(2024, 6, 1);

        Assert.Equal(0, RuleCalls(ServiceAgencyRules.RedeemableOn.For(day).Expression));
        Assert.True(ServiceAgencyRules.RedeemableOn.IsSatisfiedBy(municipal, day));
        Assert.False(ServiceAgencyRules.RedeemableOn.IsSatisfiedBy(municipal, new DateOnly(2026, 1, 1))); // past its validity
        Assert.False(ServiceAgencyRules.RedeemableOn.IsSatisfiedBy(district, day)); // valid, but district-level
        Assert.Equal([municipal], new[] { municipal, district }.AsQueryable().Where(ServiceAgencyRules.RedeemableOn.For(day)));
    }

    [Fact]
    public void A_rule_of_the_state_is_the_same_rule_of_the_record()
    {
        var draft = Make.Draft().Recommendation;
        var recommended = Make.Recommended().Recommendation;

        Assert.Equal(0, RuleCalls(RecommendationRules.CountsAsRecommended.Expression));
        Assert.False(RecommendationRules.CountsAsRecommended.IsSatisfiedBy(draft));
        Assert.True(RecommendationRules.CountsAsRecommended.IsSatisfiedBy(recommended));
        Assert.Equal(
            Enum.GetValues<RecommendationState>().Where(s => s is RecommendationState.Recommended or RecommendationState.Assessed or RecommendationState.Listed),
            Enum.GetValues<RecommendationState>().Where(RecommendationStateRules.CountsAsRecommended.IsSatisfiedBy));
    }

    [Fact]
    public void A_projection_that_asks_rules_gets_their_expressions()
    {
        var scene = Make.Recommended();
        var records = new[] { Make.Draft().Recommendation, scene.Recommendation }.AsQueryable();
        var day = new DateOnly(2024, 6, 1);

        var query = records.SelectWithRules(r => new { r.Id, Counts = RecommendationRules.CountsAsRecommended.IsSatisfiedBy(r) });
        Assert.Equal(0, RuleCalls(query.Expression));
        Assert.Equal([false, true], query.Select(x => x.Counts));

        var agencies = new[] { Make.MunicipalAgency() }.AsQueryable().WhereWithRules(a => ServiceAgencyRules.RedeemableOn.IsSatisfiedBy(a, day));
        Assert.Equal(0, RuleCalls(agencies.Expression));
        Assert.Single(agencies);
    }
}
