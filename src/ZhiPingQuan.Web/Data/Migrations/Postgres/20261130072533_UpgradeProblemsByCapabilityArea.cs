using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UpgradeProblemsByCapabilityArea : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UpgradeRecords_RecommendingUnitId_ProgrammeYearId",
                table: "UpgradeRecords");

            migrationBuilder.DropColumn(
                name: "ProblemsFound",
                table: "UpgradeRecords");

            migrationBuilder.AddColumn<DateOnly>(
                name: "AssessedOn",
                table: "UpgradeRecords",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<Guid>(
                name: "AssessmentId",
                table: "UpgradeRecords",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<DateOnly>(
                name: "FollowUpDeadline",
                table: "UpgradeRecords",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<bool>(
                name: "StartedWithinSixMonths",
                table: "UpgradeRecords",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "UpgradeRecords",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "UpgradeProblems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UpgradeRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Area = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UpgradeProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UpgradeProblems_UpgradeRecords_UpgradeRecordId",
                        column: x => x.UpgradeRecordId,
                        principalTable: "UpgradeRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeRecords_AssessmentId",
                table: "UpgradeRecords",
                column: "AssessmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeRecords_RecommendingUnitId_ProgrammeYearId_Status",
                table: "UpgradeRecords",
                columns: new[] { "RecommendingUnitId", "ProgrammeYearId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeProblems_UpgradeRecordId",
                table: "UpgradeProblems",
                column: "UpgradeRecordId");

            migrationBuilder.AddForeignKey(
                name: "FK_UpgradeRecords_Assessments_AssessmentId",
                table: "UpgradeRecords",
                column: "AssessmentId",
                principalTable: "Assessments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UpgradeRecords_Assessments_AssessmentId",
                table: "UpgradeRecords");

            migrationBuilder.DropTable(
                name: "UpgradeProblems");

            migrationBuilder.DropIndex(
                name: "IX_UpgradeRecords_AssessmentId",
                table: "UpgradeRecords");

            migrationBuilder.DropIndex(
                name: "IX_UpgradeRecords_RecommendingUnitId_ProgrammeYearId_Status",
                table: "UpgradeRecords");

            migrationBuilder.DropColumn(
                name: "AssessedOn",
                table: "UpgradeRecords");

            migrationBuilder.DropColumn(
                name: "AssessmentId",
                table: "UpgradeRecords");

            migrationBuilder.DropColumn(
                name: "FollowUpDeadline",
                table: "UpgradeRecords");

            migrationBuilder.DropColumn(
                name: "StartedWithinSixMonths",
                table: "UpgradeRecords");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "UpgradeRecords");

            migrationBuilder.AddColumn<string>(
                name: "ProblemsFound",
                table: "UpgradeRecords",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_UpgradeRecords_RecommendingUnitId_ProgrammeYearId",
                table: "UpgradeRecords",
                columns: new[] { "RecommendingUnitId", "ProgrammeYearId" });
        }
    }
}
