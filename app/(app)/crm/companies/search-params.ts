// The companies list's URL state (search and cursor): one parser map for the server loader and the client search box.
// Never read these params any other way: a second parser would let the server and the search box disagree.
import { createLoader, createSerializer, parseAsString } from "nuqs/server";

export const companySearchParams = {
  q: parseAsString.withDefault(""),
  cursor: parseAsString,
};

export const loadCompanySearchParams = createLoader(companySearchParams);
export const serializeCompanySearchParams = createSerializer(companySearchParams);

export const COMPANIES_PAGE_SIZE = 50;
