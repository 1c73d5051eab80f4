import type { reportsContract } from '../../../src-shared/contract/reports';
import { agingReport } from '../../core/reports/aging';
import { reportBrands, requireAllBrands } from '../../core/reports/brand-scope';
import { bandwidthReport } from '../../core/reports/bandwidth';
import { customersReport } from '../../core/reports/customers';
import { dashboardData } from '../../core/reports/dashboard';
import { exportReport } from '../../core/reports/export';
import { financialReport } from '../../core/reports/financial';
import { forecastReport } from '../../core/reports/forecast';
import type { HandlersFor } from '../handler';

export const reportsHandlers: HandlersFor<typeof reportsContract> = {
  'billing.dashboard': (_input, { app }) => dashboardData(app),
  'reports.financial': (input, { app }) => financialReport(app, input),
  'reports.aging': (input, call) => agingReport(call.app, input, reportBrands(call, input.brandId)),
  'reports.customers': (input, { app }) => customersReport(app, input),
  'reports.forecast': (input, { app }) => forecastReport(app, input),
  'reports.bandwidth': (input, { app }) => bandwidthReport(app, input),
  'reports.export': (input, call) => {
    // Only the aging report is kept per brand; the others read brand-less daily aggregates.
    if (input.report !== 'aging') {
      requireAllBrands(call);
      return exportReport(call.app, input);
    }
    const brandId = typeof input.params.brandId === 'number' ? input.params.brandId : undefined;
    return exportReport(call.app, input, reportBrands(call, brandId));
  },
};
