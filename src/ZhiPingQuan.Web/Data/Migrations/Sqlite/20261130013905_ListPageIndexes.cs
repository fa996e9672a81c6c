using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_ProgrammeYearId",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_RecommendingUnitId",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_EnterpriseRecommendingUnitId",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Name",
                table: "Organisations");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Unit_CreatedAt",
                table: "Recommendations",
                columns: new[] { "RecommendingUnitId", "CreatedAtUtc", "Id" },
                descending: new[] { false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Unit_State_Funding_RecommendedAt",
                table: "Recommendations",
                columns: new[] { "RecommendingUnitId", "State", "RecommendedAtUtc", "Id", "DistrictFundedOnly" });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations",
                columns: new[] { "ProgrammeYearId", "RecommendingUnitId", "DistrictFundedOnly", "State", "EnterpriseId" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Discriminator_Name",
                table: "Organisations",
                columns: new[] { "Discriminator", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseUnitList",
                table: "Organisations",
                columns: new[] { "EnterpriseRecommendingUnitId", "Discriminator", "Name", "Id", "EnterpriseCreditCode" },
                filter: "\"EnterpriseRecommendingUnitId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Unit_CreatedAt",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Unit_State_Funding_RecommendedAt",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Discriminator_Name",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_EnterpriseUnitList",
                table: "Organisations");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_ProgrammeYearId",
                table: "Recommendations",
                column: "ProgrammeYearId");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_RecommendingUnitId",
                table: "Recommendations",
                column: "RecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseRecommendingUnitId",
                table: "Organisations",
                column: "EnterpriseRecommendingUnitId",
                filter: "\"EnterpriseRecommendingUnitId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Name",
                table: "Organisations",
                column: "Name");
        }
    }
}
