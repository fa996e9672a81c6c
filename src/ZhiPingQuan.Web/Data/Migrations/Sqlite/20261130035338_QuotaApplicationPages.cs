using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ZhiPingQuan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuotaApplicationPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ChangesText",
                table: "SupplementRequests");

            migrationBuilder.AddColumn<string>(
                name: "ContentAtReturn",
                table: "SupplementRequests",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "SupplementRequests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EvidenceKind",
                table: "SupplementRequestItems",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Target",
                table: "SupplementRequestItems",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<Guid>(
                name: "ReportFileId",
                table: "QuotaApplications",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BasesCode",
                table: "QuotaApplications",
                type: "TEXT",
                unicode: false,
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReportCheckDetail",
                table: "QuotaApplications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportCheckOutcome",
                table: "QuotaApplications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SupplementChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SupplementRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SequenceNo = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OldFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NewFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplementChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupplementChanges_SupplementRequests_SupplementRequestId",
                        column: x => x.SupplementRequestId,
                        principalTable: "SupplementRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true,
                filter: "\"State\" <> 'Withdrawn'");

            migrationBuilder.CreateIndex(
                name: "IX_SupplementChanges_SupplementRequestId_SequenceNo",
                table: "SupplementChanges",
                columns: new[] { "SupplementRequestId", "SequenceNo" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupplementChanges");

            migrationBuilder.DropIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ContentAtReturn",
                table: "SupplementRequests");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "SupplementRequests");

            migrationBuilder.DropColumn(
                name: "EvidenceKind",
                table: "SupplementRequestItems");

            migrationBuilder.DropColumn(
                name: "Target",
                table: "SupplementRequestItems");

            migrationBuilder.DropColumn(
                name: "BasesCode",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ReportCheckDetail",
                table: "QuotaApplications");

            migrationBuilder.DropColumn(
                name: "ReportCheckOutcome",
                table: "QuotaApplications");

            migrationBuilder.AddColumn<string>(
                name: "ChangesText",
                table: "SupplementRequests",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "ReportFileId",
                table: "QuotaApplications",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaApplications_EnterpriseId_ProgrammeYearId",
                table: "QuotaApplications",
                columns: new[] { "EnterpriseId", "ProgrammeYearId" },
                unique: true);
        }
    }
}
