/**
 * Microsoft Graph's documented example responses about the tenant's
 * directory (microsoftgraph/microsoft-graph-docs-contrib), copied as printed.
 */

/** api-reference/v1.0/api/application-get.md, "Example 1: Retrieve the properties of an application object", its response. */
export const APPLICATION = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#applications/$entity',
  id: '03ef14b0-ca33-4840-8f4f-d6e91916010e',
  deletedDateTime: null,
  isFallbackPublicClient: null,
  appId: '631a96bc-a705-4eda-9f99-fdaf9f54f6a2',
  applicationTemplateId: null,
  identifierUris: [],
  createdDateTime: '2019-09-17T19:10:35.2742618Z',
  disabledByMicrosoftStatus: null,
  displayName: 'Display name',
  isDeviceOnlyAuthSupported: null,
  groupMembershipClaims: null,
  optionalClaims: null,
  addIns: [],
  publisherDomain: 'contoso.com',
  samlMetadataUrl: 'https://graph.microsoft.com/2h5hjaj542de/app',
  signInAudience: 'AzureADandPersonalMicrosoftAccount',
  verifiedPublisher: { displayName: 'publisher_contoso', verifiedPublisherId: '9999999', addedDateTime: '2021-04-24T17:49:44Z' },
  certification: {
    isPublisherAttested: true,
    isCertifiedByMicrosoft: true,
    lastCertificationDateTime: '2021-05-11T23:26:20Z',
    certificationExpirationDateTime: '2022-05-11T23:26:20Z',
    certificationDetailsUrl: 'https://learn.microsoft.com/microsoft-365-app-certification/forward/azure/631a96bc-a705-4eda-9f99-fdaf9f54f6a2',
  },
  tags: [],
  tokenEncryptionKeyId: null,
  api: { requestedAccessTokenVersion: 2, acceptMappedClaims: null, knownClientApplications: [], oauth2PermissionScopes: [], preAuthorizedApplications: [] },
  appRoles: [],
  publicClient: { redirectUris: [] },
  info: { termsOfServiceUrl: null, supportUrl: null, privacyStatementUrl: null, marketingUrl: null, logoUrl: null },
  keyCredentials: [],
  parentalControlSettings: { countriesBlockedForMinors: [], legalAgeGroupRule: 'Allow' },
  passwordCredentials: [],
  requiredResourceAccess: [],
  web: { redirectUris: [], homePageUrl: null, logoutUrl: null, implicitGrantSettings: { enableIdTokenIssuance: false, enableAccessTokenIssuance: false } },
} as const;

const ROOM_ADDRESS = { street: '4567 Main Street', city: 'Buffalo', state: 'NY', postalCode: '98052', countryOrRegion: 'USA' };

/** api-reference/v1.0/api/place-list.md, "Example 1: List all the rooms defined in the tenant", its response. */
export const ROOMS = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#places/microsoft.graph.room',
  value: [
    {
      id: '3162F1E1-C4C0-604B-51D8-91DA78989EB1',
      emailAddress: 'cf100@contoso.com',
      displayName: 'Conf Room 100',
      address: ROOM_ADDRESS,
      // eslint-disable-next-line no-loss-of-precision -- as the page prints it: a JSON parser rounds it the same way
      geoCoordinates: { latitude: 47.640568390488626, longitude: -122.1293731033803 },
      phone: '000-000-0000',
      nickname: 'Conf Room',
      label: '100',
      capacity: '50',
      building: '1',
      floorNumber: 1,
      isManaged: true,
      isWheelchairAccessible: false,
      bookingType: 'standard',
      tags: ['bean bags'],
      audioDeviceName: null,
      videoDeviceName: null,
      displayDevice: 'surface hub',
    },
    {
      id: '3162F1E1-C4C0-604B-51D8-91DA78970B97',
      emailAddress: 'cf200@contoso.com',
      displayName: 'Conf Room 200',
      address: ROOM_ADDRESS,
      geoCoordinates: { latitude: 47.640568390488625, longitude: -122.1293731033802 },
      phone: '000-000-0000',
      nickname: 'Conf Room',
      label: '200',
      capacity: '40',
      building: '2',
      floorNumber: 2,
      isManaged: true,
      isWheelchairAccessible: false,
      bookingType: 'standard',
      tags: ['benches', 'nice view'],
      audioDeviceName: null,
      videoDeviceName: null,
      displayDevice: 'surface hub',
    },
  ],
} as const;
