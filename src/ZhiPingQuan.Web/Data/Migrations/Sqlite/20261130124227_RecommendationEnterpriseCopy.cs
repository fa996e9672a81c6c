using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecommendationEnterpriseCopy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations");

            migrationBuilder.AddColumn<string>(
                name: "EnterpriseIndustry",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EnterpriseName",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(Shared.RecommendationEnterpriseCopyData.Backfill);

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations",
                columns: new[] { "ProgrammeYearId", "RecommendingUnitId", "DistrictFundedOnly", "State", "EnterpriseIndustry", "EnterpriseId", "BatchId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "EnterpriseIndustry",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "EnterpriseName",
                table: "Recommendations");

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Year_Unit_Funding_State",
                table: "Recommendations",
                columns: new[] { "ProgrammeYearId", "RecommendingUnitId", "DistrictFundedOnly", "State", "EnterpriseId", "BatchId" });
        }
    }
}
