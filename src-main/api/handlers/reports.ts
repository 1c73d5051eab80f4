import type { reportsContract } from '../../../src-shared/contract/reports';
import { agingReport } from '../../core/reports/aging';
import { reportBrands } from '../../core/reports/brand-scope';
import { bandwidthReport } from '../../core/reports/bandwidth';
import { customersReport } from '../../core/reports/customers';
import { dashboardData } from '../../core/reports/dashboard';
import { exportReport } from '../../core/reports/export';
import { financialReport } from '../../core/reports/financial';
import { forecastReport } from '../../core/reports/forecast';
import type { HandlersFor } from '../handler';

// Issue 18: every report reads the brand chosen, else every brand the user may see (reportBrands).
export const reportsHandlers: HandlersFor<typeof reportsContract> = {
  'billing.dashboard': (input, call) => dashboardData(call.app, input, reportBrands(call, input.brandId)),
  'reports.financial': (input, call) => financialReport(call.app, input, reportBrands(call, input.brandId)),
  'reports.aging': (input, call) => agingReport(call.app, input, reportBrands(call, input.brandId)),
  'reports.customers': (input, call) => customersReport(call.app, input, reportBrands(call, input.brandId)),
  'reports.forecast': (input, call) => forecastReport(call.app, input, reportBrands(call, input.brandId)),
  'reports.bandwidth': (input, call) => bandwidthReport(call.app, input, reportBrands(call, input.brandId)),
  'reports.export': (input, call) => exportReport(call.app, input, (brandId) => reportBrands(call, brandId)),
};
