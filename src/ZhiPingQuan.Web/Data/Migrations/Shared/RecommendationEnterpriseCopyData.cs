namespace ZhiPingQuan.Web.Data.Migrations.Shared;

/// <summary>
/// Fills the enterprise's details copied onto each existing recommendation (migrations RecommendationEnterpriseCopy:
/// name and industry, RecommendationEnterpriseCodeCopy: credit code); new records get them from the domain. Correlated
/// subqueries, so each statement runs on every provider.
/// </summary>
internal static class RecommendationEnterpriseCopyData
{
    public const string Backfill =
        """
        UPDATE "Recommendations" SET
            "EnterpriseName" = COALESCE((SELECT o."Name" FROM "Organisations" o WHERE o."Id" = "Recommendations"."EnterpriseId"), ''),
            "EnterpriseIndustry" = COALESCE((SELECT o."Industry" FROM "Organisations" o WHERE o."Id" = "Recommendations"."EnterpriseId"), '');
        """;

    public const string BackfillCreditCode =
        """
        UPDATE "Recommendations" SET
            "EnterpriseCreditCode" = COALESCE((SELECT o."EnterpriseCreditCode" FROM "Organisations" o WHERE o."Id" = "Recommendations"."EnterpriseId"), '');
        """;
}
