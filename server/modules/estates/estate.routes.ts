import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Building,
  CreateEstateBody,
  Entrance,
  Estate,
  Post,
  Room,
  RoomsQuery,
  SetBuildingButlersBody,
  StaffMember,
  Team,
} from '../../../contract/estates.js';
import type { EstateService } from './estate.service.js';

const EstateParams = z.object({ estateId: z.string().min(1).max(64) });

export const estateRoutes =
  (estates: EstateService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates',
      {
        schema: {
          operationId: 'listEstates',
          tags: ['estates'],
          summary: 'Estates the user may see',
          response: { 200: z.array(Estate) },
        },
      },
      async (req) => estates.list(req.actor()),
    );
    app.post(
      '/estates',
      {
        schema: {
          operationId: 'createEstate',
          tags: ['estates'],
          summary: 'Create an estate with its five teams (admin)',
          body: CreateEstateBody,
          response: { 201: Estate },
        },
      },
      async (req, reply) => reply.code(201).send(await estates.create(req.actor(), req.body)),
    );
    app.get(
      '/estates/:estateId',
      {
        schema: {
          operationId: 'getEstate',
          tags: ['estates'],
          params: EstateParams,
          response: { 200: Estate },
        },
      },
      async (req) => estates.get(req.actor(), req.params.estateId),
    );
    app.get(
      '/estates/:estateId/buildings',
      {
        schema: {
          operationId: 'listBuildings',
          tags: ['estates'],
          summary: 'Buildings with units, butlers and counts',
          params: EstateParams,
          response: { 200: z.array(Building) },
        },
      },
      async (req) => estates.buildings(req.actor(), req.params.estateId),
    );
    app.put(
      '/estates/:estateId/buildings/:buildingId/butlers',
      {
        schema: {
          operationId: 'setBuildingButlers',
          tags: ['estates'],
          summary: 'Set the butlers (楼栋管家) responsible for a building',
          params: EstateParams.extend({ buildingId: z.string().min(1).max(64) }),
          body: SetBuildingButlersBody,
          response: { 200: Building },
        },
      },
      async (req) =>
        estates.setButlers(req.actor(), req.params.estateId, req.params.buildingId, req.body.accountIds),
    );
    app.get(
      '/estates/:estateId/rooms',
      {
        schema: {
          operationId: 'listRooms',
          tags: ['estates'],
          params: EstateParams,
          querystring: RoomsQuery,
          response: { 200: z.array(Room) },
        },
      },
      async (req) => estates.rooms(req.actor(), req.params.estateId, req.query),
    );
    app.get(
      '/estates/:estateId/entrances',
      {
        schema: {
          operationId: 'listEntrances',
          tags: ['estates'],
          params: EstateParams,
          response: { 200: z.array(Entrance) },
        },
      },
      async (req) => estates.entrances(req.actor(), req.params.estateId),
    );
    app.get(
      '/estates/:estateId/teams',
      {
        schema: {
          operationId: 'listTeams',
          tags: ['estates'],
          params: EstateParams,
          response: { 200: z.array(Team) },
        },
      },
      async (req) => estates.teams(req.actor(), req.params.estateId),
    );
    app.get(
      '/estates/:estateId/posts',
      {
        schema: {
          operationId: 'listPosts',
          tags: ['estates'],
          params: EstateParams,
          response: { 200: z.array(Post) },
        },
      },
      async (req) => estates.posts(req.actor(), req.params.estateId),
    );
    app.get(
      '/estates/:estateId/staff',
      {
        schema: {
          operationId: 'listStaff',
          tags: ['estates'],
          summary: 'Staff with team, position and buildings',
          params: EstateParams,
          response: { 200: z.array(StaffMember) },
        },
      },
      async (req) => estates.staff(req.actor(), req.params.estateId),
    );
  };
