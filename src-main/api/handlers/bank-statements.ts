import type { bankStatementsContract } from '../../../src-shared/contract/bank-statements';
import { listBankLines, listBankMappings, saveBankMapping, settleBankLine } from '../../core/reconciliation/bank-lines';
import { importStatement, previewStatement } from '../../core/reconciliation/statement-import';
import { appendUpload } from '../../core/reconciliation/statement-uploads';
import { getSettings } from '../../core/settings';
import type { HandlersFor } from '../handler';

export const bankStatementsHandlers: HandlersFor<typeof bankStatementsContract> = {
  'bankStatements.preview': (input, call) => previewStatement(call, input),
  'bankStatements.upload': (input, call) => appendUpload(call, input),
  'bankStatements.import': (input, call) => importStatement(call, input),
  'bankLines.list': (input, call) => listBankLines(call, input),
  'bankLines.settle': (input, call) => settleBankLine(call, input),
  'bankStatements.accounts': (_input, call) => getSettings(call.app).bankAccounts,
  'bankMappings.list': (_input, call) => listBankMappings(call),
  'bankMappings.save': (input, call) => saveBankMapping(call, input),
};
