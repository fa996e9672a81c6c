using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TphIndexesHoldOnlyTheirKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_AgencyCreditCode",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_AgencyLevel",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_AgencyRecommendingUnitId",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_EnterpriseCreditCode",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_EnterpriseRecommendingUnitId",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Industry",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_UnitCode",
                table: "Organisations");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyCreditCode",
                table: "Organisations",
                column: "AgencyCreditCode",
                unique: true,
                filter: "\"AgencyCreditCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyLevel",
                table: "Organisations",
                column: "AgencyLevel",
                filter: "\"AgencyLevel\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyRecommendingUnitId",
                table: "Organisations",
                column: "AgencyRecommendingUnitId",
                filter: "\"AgencyRecommendingUnitId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseCreditCode",
                table: "Organisations",
                column: "EnterpriseCreditCode",
                unique: true,
                filter: "\"EnterpriseCreditCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseRecommendingUnitId",
                table: "Organisations",
                column: "EnterpriseRecommendingUnitId",
                filter: "\"EnterpriseRecommendingUnitId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Industry",
                table: "Organisations",
                column: "Industry",
                filter: "\"Industry\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_UnitCode",
                table: "Organisations",
                column: "UnitCode",
                unique: true,
                filter: "\"UnitCode\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Organisations_AgencyCreditCode",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_AgencyLevel",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_AgencyRecommendingUnitId",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_EnterpriseCreditCode",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_EnterpriseRecommendingUnitId",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Industry",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_UnitCode",
                table: "Organisations");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyCreditCode",
                table: "Organisations",
                column: "AgencyCreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyLevel",
                table: "Organisations",
                column: "AgencyLevel");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_AgencyRecommendingUnitId",
                table: "Organisations",
                column: "AgencyRecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseCreditCode",
                table: "Organisations",
                column: "EnterpriseCreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_EnterpriseRecommendingUnitId",
                table: "Organisations",
                column: "EnterpriseRecommendingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Industry",
                table: "Organisations",
                column: "Industry");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_UnitCode",
                table: "Organisations",
                column: "UnitCode",
                unique: true);
        }
    }
}
