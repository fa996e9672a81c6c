using System.Reflection;
using NetArchTest.Rules;
using ZhiPingQuan.Domain.Common;

namespace ZhiPingQuan.Web.Tests.Architecture;

/// <summary>
/// The portal's layers (docs/decisions/0009-one-home-for-each-rule.md): the domain depends on nothing of ours and on no
/// framework; Data and Infrastructure never on a feature; Data not on Infrastructure; a feature not on another feature.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly Domain = typeof(Entity).Assembly;

    private const string Features = "ZhiPingQuan.Web.Features";

    private static string Failing(TestResult result) =>
        result.IsSuccessful ? string.Empty : string.Join(", ", result.FailingTypeNames ?? []);

    [Fact]
    public void The_domain_depends_on_no_project_of_ours_and_on_no_data_or_web_framework()
    {
        var result = Types.InAssembly(Domain).ShouldNot()
            .HaveDependencyOnAny("ZhiPingQuan.Web", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "FluentValidation")
            .GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Theory]
    [InlineData("ZhiPingQuan.Web.Data")]
    [InlineData("ZhiPingQuan.Web.Infrastructure")]
    [InlineData("ZhiPingQuan.Web.Authorization")]
    [InlineData("ZhiPingQuan.Web.Seeding")]
    public void Shared_layers_never_depend_on_a_feature(string layer)
    {
        var result = Types.InAssembly(Web).That().ResideInNamespace(layer).ShouldNot().HaveDependencyOn(Features).GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void Data_does_not_depend_on_infrastructure()
    {
        var result = Types.InAssembly(Web).That().ResideInNamespace("ZhiPingQuan.Web.Data")
            .ShouldNot().HaveDependencyOnAny("ZhiPingQuan.Web.Infrastructure", "ZhiPingQuan.Web.Seeding").GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    public static TheoryData<string> FeatureNamespaces()
    {
        var data = new TheoryData<string>();
        foreach (var ns in FeatureNames())
        {
            data.Add(ns);
        }
        return data;
    }

    private static IEnumerable<string> FeatureNames() =>
        Web.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns is not null && ns.StartsWith(Features + ".", StringComparison.Ordinal))
            .Select(ns => ns!.Split('.')[3])
            .Distinct()
            .Where(name => name != "Shared")
            .OrderBy(n => n, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(FeatureNamespaces))]
    public void A_feature_depends_on_no_other_feature_only_on_the_shared_one(string feature)
    {
        var others = FeatureNames().Where(f => f != feature).Select(f => $"{Features}.{f}").ToArray();
        var result = Types.InAssembly(Web).That().ResideInNamespace($"{Features}.{feature}")
            .ShouldNot().HaveDependencyOnAny(others).GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void The_features_are_found()
    {
        // Guards the theory above against finding nothing (and so passing vacuously).
        Assert.Contains("Assessments", FeatureNames());
        Assert.Contains("Assignments", FeatureNames());
    }
}
