import ExcelJS from 'exceljs';

/** The template a treasurer downloads: the headings, one example row, and a sheet of guidance. */
export async function templateWorkbook(headers: string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  const sheet = workbook.addWorksheet('Khoản ủng hộ');
  sheet.addRow(headers).font = { bold: true };
  sheet.addRow([
    'Nguyễn Thị Hằng',
    'Cá nhân',
    1250000,
    '05/09/2026',
    'Tiền mặt',
    '0912345678',
    'Thôn Đông',
    '',
    '',
    'Ủng hộ quỹ khuyến học',
    '',
    '',
    '',
    '',
  ]);
  sheet.columns.forEach((c) => (c.width = 22));
  const help = workbook.addWorksheet('Hướng dẫn');
  for (const line of [
    'Mỗi dòng một khoản ủng hộ; giữ nguyên dòng tiêu đề.',
    'Số tiền: số nguyên đồng, ví dụ 1250000 hoặc 1.250.000.',
    'Ngày nhận: ngày/tháng/năm, ví dụ 05/09/2026; không ở tương lai.',
    'Loại: Cá nhân, Gia đình, Dòng họ, Doanh nghiệp, Tổ chức, Giấu tên (mặc định Cá nhân).',
    'Hình thức: Tiền mặt, Chuyển khoản, Hiện vật (hiện vật cần mô tả; số tiền là giá trị quy đổi).',
    'Quyển số, Số (phiếu giấy): chỉ ghi khi đã phát phiếu thu giấy cho khoản này; khoản ủng hộ giữ đúng quyển và số của phiếu giấy (không trùng trong đơn vị và năm), không lấy số phiếu điện tử. Bỏ trống: hệ thống cấp số phiếu điện tử khi xác nhận.',
    'Khi tải lên, nhập số dòng và tổng tiền để hệ thống đối chiếu; chưa ghi gì cho đến khi bạn xác nhận.',
  ]) {
    help.addRow([line]);
  }
  help.getColumn(1).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
