using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Unit_State_Counts",
                table: "Recommendations",
                columns: new[] { "RecommendingUnitId", "State", "DistrictFundedOnly" });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Year_Unit_Industry_Counts",
                table: "Recommendations",
                columns: new[] { "ProgrammeYearId", "RecommendingUnitId", "EnterpriseIndustry", "DistrictFundedOnly", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseUnit_Count",
                table: "Organisations",
                columns: new[] { "EnterpriseRecommendingUnitId", "Discriminator" },
                filter: "\"EnterpriseRecommendingUnitId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Unit_State_Counts",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Year_Unit_Industry_Counts",
                table: "Recommendations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_EnterpriseUnit_Count",
                table: "Organisations");
        }
    }
}
