import type { Messages } from '../id';

/** The region browser. */
export const regions: Pick<Messages, 'regions'> = {
  regions: {
    title: 'Regions',
    country: 'Indonesia',
    breadcrumb: 'Region trail',
    code: 'Code',
    name: 'Name',
    level: 'Level',
    list: 'Regions under {{name}}',
    count: {
      province_one: '{{n}} province',
      province_other: '{{n}} provinces',
      regency_one: '{{n}} regency/city',
      regency_other: '{{n}} regencies/cities',
      district_one: '{{n}} district',
      district_other: '{{n}} districts',
      village_one: '{{n}} village',
      village_other: '{{n}} villages',
    },
    scopedNote: 'Only the regions leading to your assigned region are shown.',
    empty: 'There are no regions under {{name}}.',
    villageLeaf: 'Villages are the smallest region level; there is nothing below.',
    myRegion: 'My region',
    loadError: 'Could not load the region data.',
    retry: 'Try again',
    up: 'Up to {{name}}',
    searchLabel: 'Search regions',
    searchPlaceholder: 'Search region name (min. 2 letters)',
    searchMin: 'Type at least 2 letters.',
    searching: 'Searching…',
    searchNone: 'No region matches “{{q}}”.',
    searchResults_one: '{{n}} result',
    searchMore: 'Showing the first {{n}} results — type more to narrow down.',
    searchResults_other: '{{n}} results',
  },
};
