using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecommendationYearIndexWithBatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations",
                columns: new[] { "ProgrammeYearId", "RecommendingUnitId", "DistrictFundedOnly", "State", "EnterpriseId", "BatchId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations",
                columns: new[] { "ProgrammeYearId", "RecommendingUnitId", "DistrictFundedOnly", "State", "EnterpriseId" });
        }
    }
}
