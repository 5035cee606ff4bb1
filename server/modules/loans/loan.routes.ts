import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contract/common.js';
import {
  CreateLoanBody,
  DemandPeaks,
  DemandPeaksQuery,
  ListLoansQuery,
  Loan,
  LoanItem,
  ReturnLoanBody,
} from '../../../contract/loans.js';
import type { LoanService } from './loan.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });

/** Lending (T9 spare parts, S9 trolleys) and demand peaks against the duty roster (T6). */
export const loanRoutes =
  (loans: LoanService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/loan-items',
      {
        schema: {
          operationId: 'listLoanItems',
          tags: ['loans'],
          summary: 'Returnable items per location with stock, open loans and available count',
          params: EstateParams,
          response: { 200: z.array(LoanItem) },
        },
      },
      async (req) => loans.listItems(req.actor(), req.params.estateId),
    );

    app.post(
      '/loans',
      {
        schema: {
          operationId: 'createLoan',
          tags: ['loans'],
          summary:
            'Lend an item (default due: trolley 2 h, others 3 days). 409 ITEM_UNAVAILABLE when none is left',
          body: CreateLoanBody,
          response: { 201: Loan },
        },
      },
      async (req, reply) => reply.code(201).send(await loans.create(req.actor(), req.body)),
    );

    app.post(
      '/loans/:id/return',
      {
        schema: {
          operationId: 'returnLoan',
          tags: ['loans'],
          summary: 'Take an item back: ok, damaged or lost (a lost item leaves the stock). 409 if returned',
          params: IdParams,
          body: ReturnLoanBody,
          response: { 200: Loan },
        },
      },
      async (req) => loans.return(req.actor(), req.params.id, req.body),
    );

    app.get(
      '/loans',
      {
        schema: {
          operationId: 'listLoans',
          tags: ['loans'],
          summary: 'Loans, newest first; status open (incl. overdue), overdue or returned; phones masked',
          querystring: ListLoansQuery,
          response: { 200: pageOf(Loan) },
        },
      },
      async (req) => loans.list(req.actor(), req.query),
    );

    app.get(
      '/estates/:estateId/demand-peaks',
      {
        schema: {
          operationId: 'getDemandPeaks',
          tags: ['loans'],
          summary:
            'Requests by weekday × hour over the last N weeks against staff on duty (from posts’ shifts), under-covered slots and suggested staffing',
          params: EstateParams,
          querystring: DemandPeaksQuery,
          response: { 200: DemandPeaks },
        },
      },
      async (req) => loans.demandPeaks(req.actor(), req.params.estateId, req.query),
    );
  };
