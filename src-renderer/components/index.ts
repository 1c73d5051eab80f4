export { applyApiError, notifyApiError, translateApiMessage } from './apiError';
export { ConfirmDialog } from './ConfirmDialog';
export { DataTable, PAGE_SIZES, type Column, type SortState } from './DataTable';
export { EmptyState } from './EmptyState';
export { MoneyText } from './MoneyText';
export { PageHeader } from './PageHeader';
export { SearchInput } from './SearchInput';
export { StatusBadge } from './StatusBadge';
export { useListParams } from './useListParams';
