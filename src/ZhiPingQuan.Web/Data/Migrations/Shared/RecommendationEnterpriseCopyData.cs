namespace ZhiPingQuan.Web.Data.Migrations.Shared;

/// <summary>
/// Fills the enterprise's name and industry copied onto each existing recommendation (migration
/// RecommendationEnterpriseCopy); new records get them from the domain. Correlated subqueries, so the one statement
/// runs on every provider.
/// </summary>
internal static class RecommendationEnterpriseCopyData
{
    public const string Backfill =
        """
        UPDATE "Recommendations" SET
            "EnterpriseName" = COALESCE((SELECT o."Name" FROM "Organisations" o WHERE o."Id" = "Recommendations"."EnterpriseId"), ''),
            "EnterpriseIndustry" = COALESCE((SELECT o."Industry" FROM "Organisations" o WHERE o."Id" = "Recommendations"."EnterpriseId"), '');
        """;
}
