import type { brandsContract } from '../../../src-shared/contract/brands';
import { allBrands, createBrand, getBrand, listBrands, updateBrand } from '../../core/brands/brands';
import { getUserBrands, setUserBrands, userBrandLimits } from '../../core/brands/users';
import type { HandlersFor } from '../handler';

export const brandsHandlers: HandlersFor<typeof brandsContract> = {
  'brands.list': (_input, call) => listBrands(call),
  'brands.all': (_input, call) => allBrands(call),
  'brands.userBrands': ({ userId }, call) => getUserBrands(call, userId),
  'brands.userLimits': (_input, call) => userBrandLimits(call),
  'brands.setUserBrands': ({ userId, brandIds }, call) => setUserBrands(call, userId, brandIds),
  'brands.get': ({ id }, call) => getBrand(call, id),
  'brands.create': (input, call) => createBrand(call, input),
  'brands.update': (input, call) => updateBrand(call, input),
};
